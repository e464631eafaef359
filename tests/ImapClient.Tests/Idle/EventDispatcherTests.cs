using ImapClient.Session;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Idle;

/// <summary>
/// Event handlers run one at a time, in order, off the poster's thread; and nothing of the dispatcher runs or waits
/// while no event is queued (an idle connection keeps no pump task).
/// </summary>
public class EventDispatcherTests
{
    [Test]
    public void With_nothing_queued_nothing_runs_so_completing_is_immediate()
    {
        var dispatcher = new EventDispatcher();

        Assert.That(dispatcher.CompleteAsync().IsCompleted, Is.True);
    }

    [Test]
    public async Task Handlers_run_in_order_one_at_a_time_and_completing_waits_for_the_queued_ones()
    {
        var dispatcher = new EventDispatcher();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<int>();
        var running = 0;
        var overlapped = false;
        void Handler(int n)
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            if (n == 0)
            {
                gate.Task.Wait(Patience);
            }

            seen.Add(n);
            Interlocked.Decrement(ref running);
        }

        for (var i = 0; i < 50; i++)
        {
            var n = i;
            dispatcher.Post(() => Handler(n));
        }

        var completing = dispatcher.CompleteAsync();
        dispatcher.Post(() => Handler(99));
        await AssertPendingAsync(completing, "the first handler is still running");
        gate.SetResult();
        await completing.WaitAsync(Patience);

        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 50)), "all queued before completion ran, in order; the one posted after is dropped");
        Assert.That(overlapped, Is.False);
    }

    [Test]
    public async Task After_the_queue_empties_nothing_runs_and_a_later_event_still_arrives()
    {
        var dispatcher = new EventDispatcher();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Post(first.SetResult);
        await first.Task.WaitAsync(Patience);

        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Post(second.SetResult);
        await second.Task.WaitAsync(Patience);

        // The drain may still be returning from the second handler: wait for it to end, then nothing runs.
        await dispatcher.CompleteAsync().WaitAsync(Patience);
        Assert.That(dispatcher.CompleteAsync().IsCompleted, Is.True);
    }

    [Test]
    public async Task A_throwing_handler_is_reported_and_the_next_one_still_runs()
    {
        var dispatcher = new EventDispatcher();
        var failures = new List<Exception>();
        dispatcher.HandlerFailed += failures.Add;
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        dispatcher.Post(() => throw new InvalidOperationException("handler broke"));
        dispatcher.Post(next.SetResult);
        await next.Task.WaitAsync(Patience);

        Assert.That(failures.Select(f => f.Message), Is.EqualTo(new[] { "handler broke" }));
    }
}
