package io.juxta.toolkit.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class CartPoleTest {
    @Test
    void firstStepFromRestMatchesTheClassicEquationsWorkedByHand() {
        // From rest, pushing right: temp = F/M = 100/11; θ̈ = -temp / (l (4/3 - m/M)) = -600/41; ẍ = temp - m l θ̈ / M = 400/41
        double[] next = CartPole.dynamics(new double[] {0, 0, 0, 0}, 1);
        assertArrayEquals(new double[] {0, 0.02 * 400 / 41, 0, -0.02 * 600 / 41}, next, 1e-12);
    }

    @Test
    void leaningPoleFallsFurtherUnderGravityAlone() {
        // A pole leaning right with the cart pushed left accelerates to the right: θ̈ = (g sinθ - cosθ·temp) / (l(4/3 - m cos²θ/M))
        double theta = 0.1;
        double temp = (-10.0) / 1.1;
        double expectedThetaAcc = (9.8 * Math.sin(theta) - Math.cos(theta) * temp)
                / (0.5 * (4.0 / 3.0 - 0.1 * Math.cos(theta) * Math.cos(theta) / 1.1));
        double[] next = CartPole.dynamics(new double[] {0, 0, theta, 0}, 0);
        assertEquals(theta, next[2], 1e-12, "θ moves with the old θ̇ (explicit Euler)");
        assertEquals(0.02 * expectedThetaAcc, next[3], 1e-12);
        assertTrue(next[3] > 0);
    }

    @Test
    void mirroredStateAndActionGiveTheMirroredNextState() {
        double[] s = {0.3, -0.2, 0.05, 0.4};
        double[] mirrored = {-0.3, 0.2, -0.05, -0.4};
        double[] a = CartPole.dynamics(s, 1);
        double[] b = CartPole.dynamics(mirrored, 0);
        for (int i = 0; i < 4; i++) {
            assertEquals(a[i], -b[i], 1e-12);
        }
    }

    @Test
    void episodeEndsWhenThePoleLeansPastTwelveDegrees() {
        CartPole env = new CartPole(1);
        env.reset(new double[] {0, 0, 0.2, 1.0});
        CartPole.Step step = env.step(1);
        assertTrue(step.done());
        assertFalse(step.truncated());
        assertThrows(IllegalStateException.class, () -> env.step(1));
    }

    @Test
    void alwaysPushingRightFallsWithinAFewDozenSteps() {
        CartPole env = new CartPole(7);
        env.reset();
        int steps = 0;
        boolean done = false;
        while (!done) {
            done = env.step(1).done();
            steps++;
        }
        assertTrue(steps > 3 && steps < 60, "fell after " + steps + " steps");
    }

    @Test
    void resetIsSeededAndSmall() {
        double[] a = new CartPole(3).reset();
        double[] b = new CartPole(3).reset();
        assertArrayEquals(a, b);
        for (double v : a) {
            assertTrue(Math.abs(v) <= 0.05);
        }
    }

    @Test
    void badActionSaysWhatIsAllowed() {
        CartPole env = new CartPole(1);
        env.reset();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(2));
        assertTrue(e.getMessage().contains("0 (push left) or 1 (push right)"));
    }

    @Test
    void rendersThePoleAboveTheCart() {
        BufferedImage upright = CartPole.render(new double[] {0, 0, 0, 0}, 300, 200);
        assertEquals(300, upright.getWidth());
        // the pole is drawn straight up from the cart's centre, so the pixel above the centre is not white
        assertTrue((upright.getRGB(150, 100) & 0xFFFFFF) != 0xFFFFFF);
        assertEquals(0xFFFFFF, upright.getRGB(20, 20) & 0xFFFFFF);
    }
}
