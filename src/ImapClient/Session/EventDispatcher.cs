using System.Threading.Channels;

namespace ImapClient.Session;

/// <summary>
/// Runs event handlers one at a time, in order, off the reader loop, so a handler may await a new command on the
/// same connection without stalling the responses that command needs.
/// </summary>
internal sealed class EventDispatcher
{
    private readonly Channel<Action> _queue = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    public EventDispatcher() => _pump = Task.Run(PumpAsync);

    /// <summary>Exceptions thrown by handlers; a faulty handler must not take the connection down.</summary>
    public event Action<Exception>? HandlerFailed;

    public void Post(Action raise) => _queue.Writer.TryWrite(raise);

    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _pump;
    }

    private async Task PumpAsync()
    {
        await foreach (var raise in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                raise();
            }
#pragma warning disable CA1031 // A user's handler may throw anything; it must not stop event delivery.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ReportFailure(ex);
            }
        }
    }

    /// <summary>Reports an exception from the caller's code (a handler or a logger) without letting it escape.</summary>
    public void ReportFailure(Exception exception)
    {
        try
        {
            HandlerFailed?.Invoke(exception);
        }
#pragma warning disable CA1031 // A failing failure handler has nowhere left to report to; it must not end the pump either.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
