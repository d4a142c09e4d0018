package io.juxta.frameworks.nn;

import io.juxta.frameworks.Tensor;

import java.util.List;

/** Layers applied in order; variables are named by position ({@code 0.weight}), like torch.nn.Sequential. */
public final class Sequential extends Model {
    private final List<Layer> layers;

    private Sequential(List<Layer> layers) {
        this.layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) addChild(Integer.toString(i), layers.get(i));
    }

    public static Sequential of(Layer... layers) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == null) {
                throw new IllegalArgumentException("Sequential.of: layer " + (i + 1) + " of " + layers.length
                        + " is null (a variable not assigned yet?)");
            }
        }
        return new Sequential(List.of(layers));
    }

    public List<Layer> layers() { return layers; }

    @Override public Tensor forward(Tensor x) {
        Tensor out = x;
        for (Layer l : layers) out = l.forward(out);
        return out;
    }

    @Override protected String describe() {
        StringBuilder sb = new StringBuilder("Sequential(\n");
        for (int i = 0; i < layers.size(); i++) sb.append("  (").append(i).append("): ").append(layers.get(i)).append('\n');
        return sb.append(")  ").append(parameterCount()).append(" parameters").toString();
    }
}
