package org.lanchat.client.view;

import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;

/** A round avatar: the picture if there is one, otherwise the initial on a colour derived from the name. */
public final class AvatarView extends StackPane {
    private final Circle circle;
    private final Text initial = new Text();
    private final double diameter;
    private String shownName = "";

    public AvatarView(double diameter) {
        this.diameter = diameter;
        circle = new Circle(diameter / 2);
        getStyleClass().add("avatar");
        initial.getStyleClass().add("avatar-initial");
        initial.setStyle("-fx-font-size: " + Math.round(diameter * 0.45) + "px;");
        getChildren().addAll(circle, initial);
        setMinSize(diameter, diameter);
        setMaxSize(diameter, diameter);
    }

    /** Shows the placeholder for {@code name} (until a picture arrives). */
    public void showName(String name) {
        shownName = name == null ? "" : name;
        String text = name == null || name.isEmpty() ? "?" : name.substring(0, 1).toUpperCase();
        initial.setText(text);
        initial.setVisible(true);
        int hash = name == null ? 0 : name.toLowerCase().hashCode();
        circle.setFill(Color.hsb(Math.floorMod(hash, 360), 0.45, 0.75));
    }

    public void showImage(Image image) {
        if (image == null) {
            return;
        }
        circle.setFill(new ImagePattern(image));
        initial.setVisible(false);
    }

    /** Whose placeholder was shown last. */
    String shownName() {
        return shownName;
    }

    double diameter() {
        return diameter;
    }

    Circle circle() {
        return circle;
    }
}
