using System.IO.Pipelines;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>
/// Closing the connection while a command is still being written: the writer is not thread-safe, so it must not be
/// completed underneath a flush that is still running (on a socket that returns its buffers to the pool twice).
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class DisposeDuringWriteTests(Delivery delivery)
{
    [Test]
    public async Task Disposing_waits_for_a_flush_in_progress_before_completing_the_writer_and_fails_the_command()
    {
        await using var server = new ScriptedServer(delivery);
        var output = new HeldWriter(server.ClientPipe.Output);
        // On a clock that never moves, the bounded wait of DisposeAsync for the writer cannot run out, however slow
        // the machine: only a dispose that does not wait at all can complete the writer under the flush.
        var imap = await ConnectOverAsync(server, output, new TestClock());

        output.Hold = true;
        var noop = imap.NoopAsync();
        await output.FlushStarted.WaitAsync(Patience);
        var disposing = imap.DisposeAsync().AsTask();

        // Long enough for a dispose that does not wait to reach the writer's Complete.
        await Task.Delay(Quiet);
        Assert.That(output.CompletedDuringFlush, Is.False, "the writer was completed while its flush was running");
        output.Release();

        await disposing.WaitAsync(Patience);
        Assert.That(output.CompletedDuringFlush, Is.False);
        Assert.That(output.Completed, Is.True, "the writer is completed once the flush is over");
        Assert.That(await CatchAsync(noop), Is.InstanceOf<ImapConnectionException>());
    }

    /// <summary>
    /// The client's writing end, whose flushes can be held mid-way, as a socket write to a slow peer is (and that, like
    /// one already copying, does not stop when asked to cancel); records a Complete that comes while one runs.
    /// </summary>
    private sealed class HeldWriter(PipeWriter inner) : PipeWriter
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _flushing;

        public volatile bool Hold;

        public Task FlushStarted => _started.Task;

        public bool CompletedDuringFlush { get; private set; }

        public bool Completed { get; private set; }

        public void Release() => _released.TrySetResult();

        public override void Advance(int bytes) => inner.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
            CompletedDuringFlush |= Volatile.Read(ref _flushing) > 0;
            Completed = true;
            inner.Complete(exception);
        }

        public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _flushing);
            try
            {
                if (Hold)
                {
                    _started.TrySetResult();
                    await _released.Task;
                }

                return await inner.FlushAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _flushing);
            }
        }
    }
}
