package org.lanchat.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanchat.appliance.testing.Images;
import org.lanchat.appliance.testing.RunningAppliance;
import org.lanchat.appliance.testing.TestClient;
import org.lanchat.appliance.testing.TestDatabase;
import org.lanchat.protocol.ErrorCode;
import org.lanchat.protocol.message.ProfileMessage.Avatar;
import org.lanchat.protocol.message.ProfileRequest;
import org.lanchat.protocol.message.SessionMessage;
import org.lanchat.protocol.message.SessionRequest;

/** Avatars over real TLS: upload at registration or later, fetch with caching, hostile uploads refused. */
class AvatarEndToEndTest {
    @TempDir
    Path dir;
    RunningAppliance appliance;

    @BeforeEach
    void start() {
        appliance = RunningAppliance.start(dir, TestDatabase.h2(dir));
    }

    @AfterEach
    void stop() {
        appliance.close();
    }

    @Test
    void anAvatarGivenAtRegistrationIsServedWithItsHash() {
        TestClient alice = appliance.connect();
        alice.register("alice", RunningAppliance.PASSWORD, Images.real("jpeg", 300, 200));
        TestClient bob = appliance.newUser("bob");
        Avatar avatar = bob.request(new ProfileRequest.GetAvatar("a", "alice", null), Avatar.class);
        assertThat(avatar.generated()).isFalse();
        assertThat(avatar.contentType()).isEqualTo("image/png");
        assertThat(avatar.image()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(avatar.hash()).hasSize(64);

        Avatar cached = bob.request(new ProfileRequest.GetAvatar("b", "ALICE", avatar.hash()), Avatar.class);
        assertThat(cached.image()).as("not sent again when the client already has it").isNull();
        assertThat(cached.hash()).isEqualTo(avatar.hash());
    }

    @Test
    void aUserWithoutAnAvatarGetsAGeneratedOne() {
        TestClient bob = appliance.newUser("bob");
        Avatar avatar = bob.request(new ProfileRequest.GetAvatar("a", "bob", null), Avatar.class);
        assertThat(avatar.generated()).isTrue();
        assertThat(avatar.image()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void settingAnAvatarChangesItsHash() {
        TestClient bob = appliance.newUser("bob");
        String before = bob.request(new ProfileRequest.GetAvatar("a", "bob", null), Avatar.class).hash();
        bob.request(new ProfileRequest.SetAvatar("s", Images.real("gif", 64, 64)), SessionMessage.Ok.class);
        Avatar after = bob.request(new ProfileRequest.GetAvatar("b", "bob", before), Avatar.class);
        assertThat(after.hash()).isNotEqualTo(before);
        assertThat(after.image()).isNotNull();
        assertThat(after.generated()).isFalse();
    }

    @Test
    void bytesThatAreNotAnImageAreRefusedAndNothingIsStored() {
        TestClient bob = appliance.newUser("bob");
        SessionMessage.Error error = bob.requestError(new ProfileRequest.SetAvatar("s", "definitely not a picture".getBytes()));
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_IMAGE);
        assertThat(bob.request(new ProfileRequest.GetAvatar("a", "bob", null), Avatar.class).generated()).isTrue();
    }

    @Test
    void aDecompressionBombIsRefused() {
        TestClient bob = appliance.newUser("bob");
        SessionMessage.Error error = bob.requestError(new ProfileRequest.SetAvatar("s", Images.pngBomb(20_000)));
        assertThat(error.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
    }

    @Test
    void registrationWithABadAvatarCreatesNoAccount() {
        TestClient client = appliance.connect();
        SessionMessage.Error error = client.requestError(new SessionRequest.Register("r", "carol", RunningAppliance.PASSWORD, new byte[] {1, 2, 3}));
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_IMAGE);
        assertThat(client.register("carol", RunningAppliance.PASSWORD).username()).isEqualTo("carol");
    }

    @Test
    void askingForSomeoneWhoDoesNotExistIsAnError() {
        TestClient bob = appliance.newUser("bob");
        assertThat(bob.requestError(new ProfileRequest.GetAvatar("a", "nobody", null)).code()).isEqualTo(ErrorCode.UNKNOWN_RECIPIENT);
    }
}
