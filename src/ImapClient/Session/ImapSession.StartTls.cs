using ImapClient.Commands;
using ImapClient.Transport;

namespace ImapClient.Session;

/// <summary>STARTTLS: one of the two places (with COMPRESS, ImapSession.Compress.cs) where the transport changes under a running session.</summary>
internal sealed partial class ImapSession
{
    private volatile bool _stopReadingForTls;

    /// <summary>Bytes the server sent after its OK to STARTTLS, which were dropped unread.</summary>
    public long DiscardedBeforeTls { get; private set; }

    /// <summary>Called on the reader loop by STARTTLS's tagged OK: read nothing more from the plaintext stream.</summary>
    public void StopReadingForTls() => _stopReadingForTls = true;

    /// <summary>
    /// Sends STARTTLS and, on OK, swaps the transport for a TLS one. The writer stays locked from the command to the
    /// end of the handshake, and the reader stops right after the OK, so no plaintext byte is read or written after it.
    /// The capabilities are forgotten: what the server said before TLS cannot be trusted.
    /// </summary>
    public async Task<ImapStatusResponse> StartTlsAsync(
        Func<ImapTransport, CancellationToken, Task<ImapTransport>> handshake, CancellationToken cancellationToken)
    {
        var command = new StartTlsCommand();
        var started = _time.GetTimestamp();
        await SendAsync(command, started, cancellationToken, keepWriteLock: true).ConfigureAwait(false);
        try
        {
            ImapStatusResponse ok;
            try
            {
                ok = await command.Outcome.WaitAsync(Remaining(started), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
                // STARTTLS is on the wire: an OK arriving later would stop the reader with nobody to start TLS.
                Fault(new ImapConnectionException($"STARTTLS was abandoned after it was sent: {ex.Message}", ex));
                throw;
            }

            await _readLoop.WaitAsync(Remaining(started), _time, CancellationToken.None).ConfigureAwait(false);
            ThrowIfFaulted();
            try
            {
                _transport = await handshake(_transport, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The server is in TLS mode now; there is no going back to plaintext.
                Fault(ex);
                throw;
            }

            _capabilities = ImapCapabilities.None;
            _stopReadingForTls = false;
            _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
            return ok;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
