package io.juxta.frameworks.bench;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

import static io.juxta.frameworks.bench.MlpFixture.B;
import static io.juxta.frameworks.bench.MlpFixture.C;
import static io.juxta.frameworks.bench.MlpFixture.D;
import static io.juxta.frameworks.bench.MlpFixture.H;

/** The research's reference loop: libtorch nn::Linear modules, fused cross_entropy, backward, optim::SGD, pre-built inputs. */
@SuppressWarnings("try")   // scopes work by being open, not by being referenced
final class DirectTorchMlp {
    private final Module net = new Module();
    private final LinearImpl fc1, fc2;
    private final SGD opt;
    private final Tensor xs, ys;
    private final float[] hostX;
    private final FloatPointer xsData;

    DirectTorchMlp(MlpFixture data) {
        fc1 = net.register_module("fc1", new LinearImpl(D, H));
        fc2 = net.register_module("fc2", new LinearImpl(H, C));
        opt = new SGD(net.parameters(), new SGDOptions(MlpFixture.LR));
        xs = torch.from_blob(new FloatPointer(data.x), B, D).clone();
        hostX = data.x;
        xsData = new FloatPointer(xs.data_ptr());
        long[] l = new long[B];
        for (int i = 0; i < B; i++) l[i] = data.labels[i];
        ys = torch.from_blob(new LongPointer(l), new long[]{B}, new TensorOptions(torch.ScalarType.Long)).clone();
    }

    /** The same step after copying the host batch into the input tensor, as a loop over new batches must. */
    double stepWithCopy() {
        xsData.put(hostX);
        return step();
    }

    double step() {
        try (PointerScope scope = new PointerScope()) {
            opt.zero_grad();
            Tensor loss = torch.cross_entropy(fc2.forward(torch.relu(fc1.forward(xs))), ys);
            loss.backward();
            opt.step();
            return loss.item_float();
        }
    }
}
