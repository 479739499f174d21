package org.lanchat.client.view;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.lanchat.client.core.Mentions;

/**
 * Marks the mentions in a message's text (PROTOCOL.md §7.21) with the style class {@code mention}, and those that
 * call the user ({@code @login} of theirs, {@code @here}) with {@code mention-me} as well. Links are left as they
 * are: an address containing an {@code @} is not a mention.
 */
final class MentionMarks {
    private MentionMarks() {
    }

    /** Splits the flow's plain text pieces around their mentions; {@code me} is the user's login ("" for nobody). */
    static void mark(TextFlow flow, String me) {
        List<Node> marked = new ArrayList<>();
        boolean changed = false;
        for (Node child : flow.getChildren()) {
            List<Mentions.Mention> mentions = child instanceof Text text && !text.getStyleClass().contains("link")
                    ? Mentions.in(text.getText()) : List.of();
            if (mentions.isEmpty()) {
                marked.add(child);
                continue;
            }
            changed = true;
            Text text = (Text) child;
            int from = 0;
            for (Mentions.Mention mention : mentions) {
                marked.add(like(text, text.getText().substring(from, mention.start())));
                Text name = like(text, text.getText().substring(mention.start(), mention.end()));
                name.getStyleClass().add("mention");
                if (mention.here() || (!me.isEmpty() && mention.names(me))) {
                    name.getStyleClass().add("mention-me");
                }
                marked.add(name);
                from = mention.end();
            }
            marked.add(like(text, text.getText().substring(from)));
        }
        if (changed) {
            flow.getChildren().setAll(marked);
        }
    }

    /** Whether a message's text calls {@code me}, to make it stand out (whenever it arrived). */
    static boolean callsMe(String text, String me, boolean shared) {
        return !me.isEmpty() && Mentions.mentionsMe(text, me, true, shared);
    }

    private static Text like(Text original, String content) {
        Text piece = new Text(content);
        piece.getStyleClass().setAll(original.getStyleClass());
        piece.setTextOrigin(original.getTextOrigin());
        piece.setUserData(original.getUserData());
        return piece;
    }
}
