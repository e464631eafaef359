using ImapClient.Session;
using static ImapClient.Tests.Connection.SessionTestKit;

namespace ImapClient.Tests.Connection;

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
    [Test]
    public async Task Calls_posted_by_the_reader_thread_are_held_and_run_in_order_on_the_thread_the_reader_leaves()
    {
        var dispatcher = new EventDispatcher();
        var seen = new List<(int N, int Thread)>();
        dispatcher.ReaderThread = Environment.CurrentManagedThreadId;
        for (var i = 0; i < 3; i++)
        {
            var n = i;
            dispatcher.Post(() => seen.Add((n, Environment.CurrentManagedThreadId)));
        }

        dispatcher.ReaderThread = 0;
        await Task.Delay(50);
        Assert.That(seen, Is.Empty, "held for the reader loop: no work item was queued");
        Assert.That(dispatcher.HasHeld, Is.True);
        Assert.That(dispatcher.CompleteAsync().IsCompleted, Is.False, "completing waits for the held calls too");

        dispatcher.DrainHeldHere();

        Assert.That(seen.Select(s => s.N), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(seen.Select(s => s.Thread), Is.All.EqualTo(Environment.CurrentManagedThreadId), "run here, without a thread-pool hop");
        Assert.That(dispatcher.HasHeld, Is.False);
    }

    [Test]
    public async Task Held_calls_released_by_the_reader_run_on_a_work_item_and_calls_from_other_threads_are_never_held()
    {
        var dispatcher = new EventDispatcher();
        var ran = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.ReaderThread = Environment.CurrentManagedThreadId;
        dispatcher.Post(() => ran.TrySetResult(Environment.CurrentManagedThreadId));
        Assert.That(dispatcher.HasHeld, Is.True);

        // The loop goes on at once (its read completed) or awaits something else: the calls must not wait for it.
        dispatcher.Release();
        await ran.Task.WaitAsync(Patience);
        Assert.That(dispatcher.HasHeld, Is.False);

        // A reader on a thread that is none of this test's: the posting thread below is never it.
        dispatcher.ReaderThread = int.MaxValue;
        var other = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Task.Run(() => dispatcher.Post(() => other.TrySetResult())).WaitAsync(Patience);
        await other.Task.WaitAsync(Patience);
        dispatcher.ReaderThread = 0;
        Assert.That(dispatcher.HasHeld, Is.False);
    }
}
