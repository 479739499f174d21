package org.lanchat.appliance.avatar;

import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import org.lanchat.appliance.core.Refused;
import org.lanchat.protocol.ErrorCode;

/**
 * Notices a JPEG whose picture data stops early. The JDK's reader (libjpeg) decodes such a file anyway, grey where the
 * data ran out, and only warns; an end marker appended to the cut file makes it pass a check of the last bytes too.
 * Listening to the warnings is the only place the reader says so.
 */
public final class JpegEnding implements IIOReadWarningListener {
    private volatile String cutShort;

    private JpegEnding() {
    }

    /** Starts listening to {@code reader}; call before reading pixels. */
    public static JpegEnding listenTo(ImageReader reader) {
        JpegEnding ending = new JpegEnding();
        reader.addIIOReadWarningListener(ending);
        return ending;
    }

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        String text = warning.toLowerCase(Locale.ROOT);
        // libjpeg's JWRN_JPEG_EOF and JWRN_HIT_MARKER, and the JDK's own warning for a missing end marker
        if (text.contains("premature end") || text.contains("truncated file")) {
            cutShort = warning;
        }
    }

    /** Refuses ({@code invalid_image}) a picture whose data the reader found cut short. */
    public void requireWhole() {
        if (cutShort != null) {
            throw new Refused(ErrorCode.INVALID_IMAGE, "the JPEG picture is damaged: its data ends early");
        }
    }
}
