package org.lanchat.client.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import org.lanchat.client.emoji.Emoji;
import org.lanchat.client.emoji.TextRun;

/**
 * One line of text with emoji as pictures that ends in "…" where it does not fit (a conversation's
 * preview): a label can shorten text but cannot hold pictures, and a text flow holds pictures but wraps.
 */
final class EmojiLine extends Region {
    private static final String ELLIPSIS = "\u2026";
    private final List<Node> pieces = new ArrayList<>();
    /** The full text of each piece; null for a picture. */
    private final List<String> texts = new ArrayList<>();
    private final Text ellipsis = new Text(ELLIPSIS);
    /** Whether it asks for the width of its whole text rather than taking whatever it is given. */
    private boolean asWideAsItsText;

    EmojiLine(List<TextRun> runs, Function<Emoji, ImageView> picture, String textStyleClass) {
        for (TextRun run : runs) {
            switch (run) {
                case TextRun.Plain plain -> {
                    pieces.add(text(plain.text(), textStyleClass));
                    texts.add(plain.text());
                }
                case TextRun.Picture emoji -> {
                    pieces.add(picture.apply(emoji.emoji()));
                    texts.add(null);
                }
            }
        }
        ellipsis.getStyleClass().add(textStyleClass);
        ellipsis.setTextOrigin(VPos.TOP);
        getChildren().addAll(pieces);
        getChildren().add(ellipsis);
        setMinWidth(0);
    }

    private static Text text(String content, String styleClass) {
        Text t = new Text(content);
        t.getStyleClass().add(styleClass);
        t.setTextOrigin(VPos.TOP);
        return t;
    }

    /** Asks for the width of the whole text (still shortened with "…" when given less): for a box sized by content. */
    EmojiLine asWideAsItsText() {
        asWideAsItsText = true;
        return this;
    }

    @Override
    protected double computePrefWidth(double height) {
        if (!asWideAsItsText) {
            return 0; // it takes the width it is given
        }
        double width = snappedLeftInset() + snappedRightInset();
        for (int i = 0; i < pieces.size(); i++) {
            if (texts.get(i) != null) {
                ((Text) pieces.get(i)).setText(texts.get(i)); // the layout may have shortened it
            }
            width += pieces.get(i).prefWidth(-1);
        }
        return width;
    }

    @Override
    protected double computePrefHeight(double width) {
        double height = ellipsis.prefHeight(-1);
        for (Node piece : pieces) {
            height = Math.max(height, piece.prefHeight(-1));
        }
        return snappedTopInset() + height + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double right = getWidth() - snappedRightInset();
        double top = snappedTopInset();
        double height = getHeight() - top - snappedBottomInset();
        double x = left;
        boolean cut = false;
        for (int i = 0; i < pieces.size(); i++) {
            Node piece = pieces.get(i);
            String full = texts.get(i);
            if (full != null) {
                ((Text) piece).setText(full);
            }
            if (cut) {
                piece.setVisible(false);
                continue;
            }
            double width = piece.prefWidth(-1);
            if (x + width <= right) {
                place(piece, x, top, height);
                x += width;
                continue;
            }
            cut = true;
            double room = right - x - ellipsis.prefWidth(-1);
            if (full != null && room > 0) {
                Text text = (Text) piece;
                text.setText(fitting(text, full, room));
                place(text, x, top, height);
                x += text.prefWidth(-1);
            } else {
                piece.setVisible(false);
            }
        }
        ellipsis.setVisible(cut);
        if (cut) {
            place(ellipsis, x, top, height);
        }
    }

    private static void place(Node node, double x, double top, double height) {
        node.setVisible(true);
        double h = node.prefHeight(-1);
        node.relocate(x, top + (height - h) / 2);
        node.resize(node.prefWidth(-1), h);
    }

    /** The longest start of {@code full} (whole code points, no trailing space) that fits {@code room}. */
    private static String fitting(Text text, String full, double room) {
        int low = 0;
        int high = full.codePointCount(0, full.length());
        while (low < high) {
            int mid = (low + high + 1) / 2;
            text.setText(full.substring(0, full.offsetByCodePoints(0, mid)));
            if (text.prefWidth(-1) <= room) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return full.substring(0, full.offsetByCodePoints(0, low)).stripTrailing();
    }
}
