using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace ImapClient.Session;

/// <summary>
/// Awaits the reader loop's pending read and, once the loop's continuation is registered on it, runs the event calls
/// the loop held on the thread the loop leaves (see <see cref="EventDispatcher"/>): no work item and no second
/// thread-pool wake-up for them.
/// </summary>
internal readonly struct ReadThenDrain(ValueTask<ReadResult> read, EventDispatcher dispatcher) : ICriticalNotifyCompletion
{
    private readonly ConfiguredValueTaskAwaitable<ReadResult>.ConfiguredValueTaskAwaiter _read = read.ConfigureAwait(false).GetAwaiter();

    public bool IsCompleted => _read.IsCompleted;

    public ReadThenDrain GetAwaiter() => this;

    public ReadResult GetResult() => _read.GetResult();

    public void OnCompleted(Action continuation)
    {
        _read.OnCompleted(continuation);
        dispatcher.DrainHeldHere();
    }

    public void UnsafeOnCompleted(Action continuation)
    {
        _read.UnsafeOnCompleted(continuation);
        dispatcher.DrainHeldHere();
    }
}
