package io.juxta.kernel.worker;

import java.lang.reflect.Field;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process engine, which keeps track of the wrapper class each snippet ran in, so the
 * session can read the real object behind a variable or expression instead of its string form.
 */
final class CapturingExecutionControl extends LocalExecutionControl {
    private volatile String lastClass;

    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
            InternalException {
        lastClass = className;
        return super.invoke(className, methodName);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        lastClass = className;
        return super.varValue(className, varName);
    }

    void forgetLastClass() {
        lastClass = null;
    }

    /** The wrapper class the last snippet ran in, or null. */
    String lastClass() {
        return lastClass;
    }

    /** The value of a snippet variable held in a wrapper class. */
    Object variable(String className, String name) throws ReflectiveOperationException {
        if (className == null) {
            throw new NoSuchFieldException(name);
        }
        Field f = findClass(className).getDeclaredField(name);
        f.setAccessible(true);
        return f.get(null);
    }

    /** Lets go of the object a snippet variable holds; a primitive holds nothing to let go of. */
    void clearVariable(String className, String name) throws ReflectiveOperationException {
        if (className == null) {
            return;
        }
        Field f = findClass(className).getDeclaredField(name);
        if (!f.getType().isPrimitive()) {
            f.setAccessible(true);
            f.set(null, null);
        }
    }

    /** Hands JShell this engine and keeps a reference to it. */
    static final class Provider implements ExecutionControlProvider {
        private volatile CapturingExecutionControl control;

        @Override
        public String name() {
            return "juxta-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new CapturingExecutionControl();
            return control;
        }

        CapturingExecutionControl control() {
            return control;
        }
    }
}
