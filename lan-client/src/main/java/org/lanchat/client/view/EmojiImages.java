package org.lanchat.client.view;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.lanchat.client.emoji.Emoji;
import org.lanchat.client.emoji.EmojiCatalog;
import org.lanchat.client.emoji.TextRun;

/**
 * Draws emoji from the image set instead of a font: JavaFX cannot draw colour emoji fonts on Linux or
 * Windows. Images are loaded once per size and shared, and decoded in JavaFX's background loader so that
 * a window full of emoji (the picker's hundreds) never stalls the FX thread: until a picture is decoded its
 * place is kept, empty in text and a grey placeholder in {@link #tile}.
 */
public final class EmojiImages {
    /**
     * Decoded pictures kept, the least recently used dropped first: a picker browsed through every category
     * would otherwise keep all 1,600 emoji, at every size, for the life of the app. Rows on screen hold their
     * own reference, so dropping one only costs a decode when it is next needed.
     */
    static final int CACHED = 400;
    private final EmojiCatalog catalog;
    private final Map<String, Image> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > CACHED;
        }
    };

    public EmojiImages(EmojiCatalog catalog) {
        this.catalog = catalog;
    }

    int cachedImages() {
        return cache.size();
    }

    public EmojiCatalog catalog() {
        return catalog;
    }

    public Optional<Image> image(Emoji emoji, double size) {
        String cacheKey = emoji.key() + "@" + size;
        Image cached = cache.get(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        URL url = EmojiImages.class.getResource(emoji.imagePath());
        if (url == null) {
            return Optional.empty();
        }
        Image image = new Image(url.toExternalForm(), size, size, true, true, true);
        cache.put(cacheKey, image);
        return Optional.of(image);
    }

    public ImageView view(Emoji emoji, double size) {
        ImageView view = new ImageView(image(emoji, size).orElse(null));
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.getStyleClass().add("emoji");
        view.setAccessibleText(emoji.shortName().replace('_', ' '));
        return view;
    }

    /** The emoji as a button graphic: a placeholder shows until the picture is decoded. */
    public Node tile(Emoji emoji, double size) {
        ImageView view = view(emoji, size);
        Region placeholder = new Region();
        placeholder.getStyleClass().add("emoji-placeholder");
        placeholder.setPrefSize(size * 0.8, size * 0.8);
        placeholder.setMaxSize(size * 0.8, size * 0.8);
        Image image = view.getImage();
        if (image != null) {
            placeholder.visibleProperty().bind(image.progressProperty().lessThan(1));
        }
        StackPane tile = new StackPane(placeholder, view);
        tile.setMinSize(size, size);
        tile.setPrefSize(size, size);
        return tile;
    }

    /** Message text with its emoji as pictures, wrapping like text. */
    public TextFlow flow(String text, double emojiSize, String textStyleClass) {
        return flow(text, emojiSize, textStyleClass, "");
    }

    /**
     * Message text with its emoji as pictures, wrapping like text, and every occurrence of {@code highlight}
     * (ignoring case; a search) in the style class {@code match}.
     */
    public TextFlow flow(String text, double emojiSize, String textStyleClass, String highlight) {
        TextFlow flow = new TextFlow();
        String query = highlight == null ? "" : highlight.strip().toLowerCase(Locale.ROOT);
        for (TextRun run : catalog.split(text)) {
            switch (run) {
                case TextRun.Plain plain -> {
                    for (Links.Piece piece : Links.split(plain.text())) {
                        addPlain(flow, piece, textStyleClass, query);
                    }
                }
                case TextRun.Picture picture -> {
                    ImageView view = view(picture.emoji(), emojiSize);
                    view.setUserData(picture.text());
                    view.setTranslateY(emojiSize * 0.2);
                    flow.getChildren().add(view);
                }
            }
        }
        return flow;
    }

    /** Plain text, a search's matches marked; a link keeps its address as user data, for the click. */
    private static void addPlain(TextFlow flow, Links.Piece piece, String textStyleClass, String query) {
        String part = piece.text();
        String lower = part.toLowerCase(Locale.ROOT);
        int from = 0;
        // Lower-casing keeps the length for the text people write here; if not, no highlight.
        int at = query.isEmpty() || lower.length() != part.length() ? -1 : lower.indexOf(query);
        while (at >= 0) {
            flow.getChildren().add(piece(part.substring(from, at), textStyleClass, piece));
            Text match = piece(part.substring(at, at + query.length()), textStyleClass, piece);
            match.getStyleClass().add("match");
            flow.getChildren().add(match);
            from = at + query.length();
            at = lower.indexOf(query, from);
        }
        flow.getChildren().add(piece(part.substring(from), textStyleClass, piece));
    }

    private static Text piece(String content, String styleClass, Links.Piece piece) {
        Text t = text(content, styleClass);
        if (piece.isLink()) {
            t.getStyleClass().add("link");
            t.setUserData(piece.text());
            t.setCursor(javafx.scene.Cursor.HAND);
        }
        return t;
    }

    private static Text text(String content, String styleClass) {
        Text t = new Text(content);
        t.getStyleClass().add(styleClass);
        t.setTextOrigin(VPos.BASELINE);
        return t;
    }

    /** One line of text with its emoji as pictures, ending in "…" where it does not fit. */
    public Region line(String text, double emojiSize, String textStyleClass) {
        return new EmojiLine(catalog.split(text == null ? "" : text.replace('\n', ' ')), e -> view(e, emojiSize),
                textStyleClass);
    }

    /** Like {@link #line}, but asking for the width of the whole text: for a line in a bubble sized by its content. */
    Region fittedLine(String text, double emojiSize, String textStyleClass) {
        return new EmojiLine(catalog.split(text == null ? "" : text.replace('\n', ' ')), e -> view(e, emojiSize),
                textStyleClass).asWideAsItsText();
    }

    /** The picture for an emoji given as text (a sticker's emoji), if the set has it. */
    public Optional<ImageView> picture(String emojiText, double size) {
        return catalog.find(emojiText).map(e -> view(e, size));
    }

    /** Like {@link #picture}, with a placeholder until it is decoded. */
    public Optional<Node> pictureTile(String emojiText, double size) {
        return catalog.find(emojiText).map(e -> tile(e, size));
    }

    /** Decodes avatar bytes; null if they are not an image JavaFX can read. */
    static Image avatar(byte[] bytes, double size) {
        if (bytes == null) {
            return null;
        }
        Image image = new Image(new ByteArrayInputStream(bytes), size, size, true, true);
        return image.isError() ? null : image;
    }
}
