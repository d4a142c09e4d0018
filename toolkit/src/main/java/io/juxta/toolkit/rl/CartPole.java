package io.juxta.toolkit.rl;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The cart-pole balancing task with the classic equations of Barto, Sutton and Anderson (1983),
 * the constants and termination of the usual CartPole-v1: a pole hinged on a cart, pushed left
 * (action 0) or right (action 1) with 10 N; reward 1 per step until the pole leans past 12° or
 * the cart leaves ±2.4 m, at most 500 steps. State: x, ẋ, θ, θ̇. Explicit Euler, τ = 0.02 s.
 */
public final class CartPole {
    public static final double GRAVITY = 9.8;
    public static final double CART_MASS = 1.0;
    public static final double POLE_MASS = 0.1;
    public static final double TOTAL_MASS = CART_MASS + POLE_MASS;
    /** Half the pole's length, as in the original equations. */
    public static final double HALF_POLE_LENGTH = 0.5;
    public static final double FORCE = 10.0;
    public static final double TAU = 0.02;
    public static final double THETA_LIMIT = 12 * 2 * Math.PI / 360;
    public static final double X_LIMIT = 2.4;
    public static final int MAX_STEPS = 500;
    public static final int STATE_SIZE = 4;
    public static final int ACTIONS = 2;

    /** What one step returns: the new state, the reward, and whether the episode ended (fell, or ran out of steps). */
    public record Step(double[] state, double reward, boolean done, boolean truncated) {}

    private final SplittableRandom random;
    private final double[] state = new double[STATE_SIZE];
    private int steps;
    private boolean done = true;

    public CartPole(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Starts an episode: every state variable uniform in ±0.05. Returns a copy of the state. */
    public double[] reset() {
        for (int i = 0; i < STATE_SIZE; i++) {
            state[i] = random.nextDouble(-0.05, 0.05);
        }
        steps = 0;
        done = false;
        return state.clone();
    }

    /** Starts an episode from the given state (for tests and demonstrations). */
    public double[] reset(double[] start) {
        if (start.length != STATE_SIZE) {
            throw new IllegalArgumentException("a cart-pole state has 4 numbers (x, x_dot, theta, theta_dot); got " + start.length);
        }
        System.arraycopy(start, 0, state, 0, STATE_SIZE);
        steps = 0;
        done = false;
        return state.clone();
    }

    public Step step(int action) {
        if (action != 0 && action != 1) {
            throw new IllegalArgumentException("the action is 0 (push left) or 1 (push right); got " + action);
        }
        if (done) {
            throw new IllegalStateException("the episode has ended: call reset() before step()");
        }
        double[] next = dynamics(state, action);
        System.arraycopy(next, 0, state, 0, STATE_SIZE);
        steps++;
        boolean fell = Math.abs(state[0]) > X_LIMIT || Math.abs(state[2]) > THETA_LIMIT;
        boolean truncated = !fell && steps >= MAX_STEPS;
        done = fell || truncated;
        return new Step(state.clone(), 1.0, done, truncated);
    }

    /** One Euler step of the classic equations from {@code s} under {@code action}. */
    public static double[] dynamics(double[] s, int action) {
        double x = s[0], xDot = s[1], theta = s[2], thetaDot = s[3];
        double force = action == 1 ? FORCE : -FORCE;
        double cos = Math.cos(theta), sin = Math.sin(theta);
        double poleMassLength = POLE_MASS * HALF_POLE_LENGTH;
        double temp = (force + poleMassLength * thetaDot * thetaDot * sin) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sin - cos * temp)
                / (HALF_POLE_LENGTH * (4.0 / 3.0 - POLE_MASS * cos * cos / TOTAL_MASS));
        double xAcc = temp - poleMassLength * thetaAcc * cos / TOTAL_MASS;
        return new double[] {
            x + TAU * xDot,
            xDot + TAU * xAcc,
            theta + TAU * thetaDot,
            thetaDot + TAU * thetaAcc,
        };
    }

    public double[] state() {
        return state.clone();
    }

    public int steps() {
        return steps;
    }

    public boolean done() {
        return done;
    }

    /** The current state drawn as a 300×200 picture: track, cart and pole. */
    public BufferedImage render() {
        return render(state, 300, 200);
    }

    public static BufferedImage render(double[] s, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double scale = width / (2 * X_LIMIT * 1.2);
            double trackY = height * 0.75;
            g.setColor(Color.GRAY);
            g.draw(new Line2D.Double(0, trackY, width, trackY));
            double cartX = width / 2.0 + s[0] * scale;
            double cartW = 0.5 * scale, cartH = 0.3 * scale;
            g.setColor(new Color(40, 40, 40));
            g.fill(new Rectangle2D.Double(cartX - cartW / 2, trackY - cartH / 2, cartW, cartH));
            double poleLength = 2 * HALF_POLE_LENGTH * scale;
            g.setColor(new Color(204, 153, 102));
            g.setStroke(new BasicStroke((float) Math.max(2, 0.1 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(cartX, trackY - cartH / 2,
                    cartX + poleLength * Math.sin(s[2]), trackY - cartH / 2 - poleLength * Math.cos(s[2])));
        } finally {
            g.dispose();
        }
        return image;
    }
}
