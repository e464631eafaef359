using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ImapClient.Commands;

namespace ImapClient;

public sealed partial class ImapConnection
{
    /// <summary>
    /// Waits for the server to report changes (IDLE, RFC 2177) until <paramref name="doneToken"/> fires, then ends
    /// the IDLE with DONE and returns; the connection stays usable. What the server reports arrives through the
    /// events (<see cref="MailboxSizeChanged"/>, <see cref="MessageExpunged"/>, <see cref="FlagsChanged"/>,
    /// <see cref="UntaggedResponse"/>). Servers without IDLE are polled with NOOP instead.
    /// </summary>
    /// <param name="doneToken">Ends the wait normally.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/> (after DONE, so the connection stays in step).</param>
    /// <returns>A task that completes once the IDLE has ended.</returns>
    /// <exception cref="InvalidOperationException">Not signed in; nothing was sent.</exception>
    /// <exception cref="ImapConnectionException">The server said BYE or the connection broke.</exception>
    public Task IdleAsync(CancellationToken doneToken, CancellationToken cancellationToken = default) =>
        IdleAsync(new ImapIdleOptions(), doneToken, cancellationToken);

    /// <inheritdoc cref="IdleAsync(CancellationToken, CancellationToken)"/>
    /// <param name="options">The restart interval, whether other tasks' commands may interrupt, the polling interval.</param>
    /// <param name="doneToken">Ends the wait normally.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/> (after DONE, so the connection stays in step).</param>
    public async Task IdleAsync(ImapIdleOptions options, CancellationToken doneToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfNotSignedIn();
        var capabilities = await KnownCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(doneToken, cancellationToken);
        while (!stop.IsCancellationRequested)
        {
            if (!capabilities.Idle)
            {
                await PollOnceAsync(options.PollInterval, stop.Token, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // The caller's tokens do not cancel the command: they make it send DONE, which keeps the stream in step.
            var idle = new IdleCommand(options.AllowInterruptions, options.RestartInterval, stop.Token);
            await _session.ExecuteAsync(idle, CancellationToken.None).ConfigureAwait(false);

            // Interrupted: the commands that asked are queued on the writer ahead of the next IDLE, so they run first.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Idles (as <see cref="IdleAsync(ImapIdleOptions, CancellationToken, CancellationToken)"/>) for as long as the
    /// enumeration runs, and yields every untagged response the server sends meanwhile: EXISTS, EXPUNGE, FETCH (flag
    /// changes), and any other. Ending the enumeration (break, or <paramref name="cancellationToken"/>) ends the IDLE.
    /// </summary>
    /// <param name="options">IDLE options; null for the defaults.</param>
    /// <param name="cancellationToken">Ends the enumeration, and the IDLE with it.</param>
    /// <returns>The server's untagged responses, in order.</returns>
    public async IAsyncEnumerable<ImapResponse> WatchAsync(ImapIdleOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfNotSignedIn();
        var updates = Channel.CreateUnbounded<ImapResponse>(new UnboundedChannelOptions { SingleReader = true });
        void OnUntagged(object? sender, UntaggedResponseEventArgs e) => updates.Writer.TryWrite(e.Response);
        UntaggedResponse += OnUntagged;
        using var done = new CancellationTokenSource();
        var idling = IdleAsync(options ?? new ImapIdleOptions(), done.Token, CancellationToken.None);
        _ = idling.ContinueWith(static (t, state) => ((ChannelWriter<ImapResponse>)state!).TryComplete(t.Exception?.GetBaseException()),
            updates.Writer, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            UntaggedResponse -= OnUntagged;
            await done.CancelAsync().ConfigureAwait(false);
            try
            {
                await idling.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ImapException or TimeoutException or OperationCanceledException)
            {
                // Already thrown to the caller through the channel, or the caller has stopped listening: a broken
                // connection is then reported by the next call on it.
            }
        }
    }

    private async Task PollOnceAsync(TimeSpan interval, CancellationToken stop, CancellationToken cancellationToken)
    {
        await NoopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(interval, _session.Time, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Done (or cancelled, which the caller's loop reports).
        }
    }
}
