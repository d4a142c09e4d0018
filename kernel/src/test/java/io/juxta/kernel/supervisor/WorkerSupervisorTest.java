package io.juxta.kernel.supervisor;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerSupervisorTest {
    private static JsonObject request(String type) {
        JsonObject r = new JsonObject();
        r.addProperty("type", type);
        r.addProperty("code", "1+1");
        return r;
    }

    /**
     * The kernel sends a queued request on the thread that tells it the one before failed: when no worker could be
     * launched at all, that request must fail too (it met the failed launch, with no link, and was never answered).
     */
    @Test
    void aRequestSentAsTheOneBeforeFailsToLaunchAWorkerFailsInTurnAndIsNotLeftUnanswered() throws Exception {
        WorkerSupervisor worker = new WorkerSupervisor(new WorkerSupervisor.Config("/nonexistent/bin/java", List.of(),
                "", "io.juxta.kernel.worker.Worker", Map.of(), 3000));
        try {
            worker.start();
            CompletableFuture<JsonObject> next = new CompletableFuture<>();
            CompletableFuture<JsonObject> first = worker.request(request("execute"), WorkerEvents.DISCARD);
            first.whenComplete((reply, failure) -> {
                try {
                    worker.request(request("complete"), WorkerEvents.DISCARD).whenComplete((r, t) -> {
                        if (t != null) {
                            next.completeExceptionally(t);
                        } else {
                            next.complete(r);
                        }
                    });
                } catch (RuntimeException e) {
                    next.completeExceptionally(e);
                }
            });
            ExecutionException failed = assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
            assertInstanceOf(WorkerExitedException.class, failed.getCause());
            ExecutionException alsoFailed = assertThrows(ExecutionException.class, () -> next.get(10, TimeUnit.SECONDS));
            assertInstanceOf(WorkerExitedException.class, alsoFailed.getCause(), () -> String.valueOf(alsoFailed.getCause()));
        } finally {
            worker.close();
        }
    }
}
