package org.lanchat.client.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A message's text (a {@link TextFlow} with emoji as pictures) in which the user can select part of the text by
 * dragging, as in a browser: the selection is drawn behind the text and {@link #selectedText()} gives it back
 * with each emoji picture as the characters it stands for. JavaFX's text controls would select too, but
 * cannot show the pictures.
 *
 * <p>Indices are the flow's: a text node counts its characters, a picture one position.
 */
final class MessageText extends Region {
    private final TextFlow flow;
    private final Path highlight = new Path();
    /** What each of the flow's children stands for in the message: its text, or a picture's characters. */
    private final List<String> sources = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private int anchor = -1;
    private int caret = -1;

    MessageText(TextFlow flow) {
        this.flow = flow;
        for (Node child : flow.getChildren()) {
            if (child instanceof Text text) {
                sources.add(text.getText());
                lengths.add(text.getText().length());
            } else {
                sources.add(child.getUserData() instanceof String s ? s : "");
                lengths.add(1);
            }
        }
        highlight.getStyleClass().add("text-selection");
        highlight.setManaged(false);
        highlight.setMouseTransparent(true);
        getChildren().addAll(highlight, flow);
        getStyleClass().add("message-text-box");
        flow.setOnMousePressed(this::pressed);
        flow.setOnMouseDragged(this::dragged);
    }

    TextFlow flow() {
        return flow;
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (e.getClickCount() >= 2) {
            selectAll();
            return;
        }
        anchor = indexAt(e.getX(), e.getY());
        caret = anchor;
        redraw();
    }

    private void dragged(MouseEvent e) {
        if (anchor < 0 || !e.isPrimaryButtonDown()) {
            return;
        }
        caret = indexAt(e.getX(), e.getY());
        redraw();
    }

    private int indexAt(double x, double y) {
        return flow.hitTest(new Point2D(x, y)).getInsertionIndex();
    }

    /** Selects flow positions {@code from} (inclusive) to {@code to} (exclusive). */
    void select(int from, int to) {
        anchor = Math.max(0, from);
        caret = Math.min(length(), to);
        redraw();
    }

    void selectAll() {
        select(0, length());
    }

    void clearSelection() {
        anchor = -1;
        caret = -1;
        redraw();
    }

    boolean hasSelection() {
        return anchor >= 0 && caret >= 0 && anchor != caret;
    }

    /** The selected part of the message, pictures as their characters; empty without a selection. */
    String selectedText() {
        if (!hasSelection()) {
            return "";
        }
        return text(Math.min(anchor, caret), Math.max(anchor, caret));
    }

    /** The whole message as typed. */
    String fullText() {
        return text(0, length());
    }

    private int length() {
        return lengths.stream().mapToInt(Integer::intValue).sum();
    }

    private String text(int from, int to) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int i = 0; i < sources.size(); i++) {
            int start = at;
            int end = at + lengths.get(i);
            at = end;
            int a = Math.max(from, start);
            int b = Math.min(to, end);
            if (a >= b) {
                continue;
            }
            String source = sources.get(i);
            // A picture is taken whole or not at all.
            out.append(lengths.get(i) == 1 && source.length() != 1 ? source : source.substring(a - start, b - start));
        }
        return out.toString();
    }

    private void redraw() {
        if (!hasSelection()) {
            highlight.getElements().clear();
            return;
        }
        highlight.getElements().setAll(flow.rangeShape(Math.min(anchor, caret), Math.max(anchor, caret)));
    }

    @Override
    protected double computePrefWidth(double height) {
        return flow.prefWidth(height) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        double inner = width < 0 ? -1 : width - snappedLeftInset() - snappedRightInset();
        return flow.prefHeight(inner) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    @Override
    protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = getWidth() - x - snappedRightInset();
        flow.resizeRelocate(x, y, w, flow.prefHeight(w));
        if (hasSelection()) {
            highlight.getElements().setAll(flow.rangeShape(Math.min(anchor, caret), Math.max(anchor, caret)));
        }
        // rangeShape is in the flow's coordinates: the path sits where the flow does.
        highlight.setLayoutX(x);
        highlight.setLayoutY(y);
    }
}
