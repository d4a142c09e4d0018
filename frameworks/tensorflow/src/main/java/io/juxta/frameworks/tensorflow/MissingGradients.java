package io.juxta.frameworks.tensorflow;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.family.TNumber;

/**
 * Gradients that TensorFlow's C++ registry lacks, supplied from Java so {@code Graph.addGradients} can
 * differentiate the graphs the portable API traces. Registered once per JVM, before the first graph.
 */
final class MissingGradients {
    private static boolean registered;

    private MissingGradients() {}

    /** Registers every missing gradient; later calls do nothing. */
    public static synchronized void register() {
        if (registered) return;
        registered = true;
        TensorFlow.registerCustomGradient(SparseSoftmaxCrossEntropyWithLogits.Inputs.class, MissingGradients::sparseSoftmaxCrossEntropy);
    }

    /** d loss_i / d logits_ij is the op's own {@code backprop} output, scaled by the incoming gradient of loss_i. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Operand<?>> sparseSoftmaxCrossEntropy(org.tensorflow.op.Ops tf,
            SparseSoftmaxCrossEntropyWithLogits.Inputs op, List<org.tensorflow.Output<?>> gradOutputs) {
        Operand<TNumber> dLoss = (Operand<TNumber>) gradOutputs.get(0);
        Operand<TNumber> backprop = ((SparseSoftmaxCrossEntropyWithLogits<TNumber>) op.getOutputs()).backprop();
        Operand<TNumber> dLogits = tf.math.mul(tf.expandDims(dLoss, tf.constant(-1)), backprop);
        // TF Java 1.1.0 throws a NullPointerException on a null ("no gradient") entry: give the integer labels zeros
        return List.of(dLogits, tf.zerosLike(op.labels));
    }
}
