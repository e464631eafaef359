using ImapClient.Transport;

namespace ImapClient.Session;

/// <summary>
/// STARTTLS and COMPRESS=DEFLATE: the two places where the transport changes under a running session, by one mechanism.
/// The command's tagged OK asks for <see cref="SessionTransitionKind.SwapTransport"/>, the reader stops right after it,
/// and <see cref="SwapTransportAsync"/> layers the new transport and starts a new reader.
/// </summary>
/// <remarks>Owns the stop-for-swap flag and the bytes read past the swap point.</remarks>
internal sealed partial class ImapSession
{
    private volatile bool _stopReadingForSwap;
    private ReadOnlyMemory<byte> _readPastSwap;

    /// <summary>Bytes the server sent after its OK to STARTTLS, which were dropped unread.</summary>
    public long DiscardedBeforeTls { get; private set; }

    /// <summary>Called on the reader loop by the tagged OK of a command that changes the transport: read nothing more.</summary>
    private void StopReadingForSwap() => _stopReadingForSwap = true;

    /// <summary>
    /// Sends STARTTLS (<paramref name="command"/>, made by the layer above) and, on OK, swaps the transport for a TLS
    /// one. What the server sent after its OK arrived unencrypted and may have been injected by an attacker
    /// (CVE-2011-0411 style): it is dropped, never parsed. The capabilities are forgotten: what the server said before
    /// TLS cannot be trusted.
    /// </summary>
    public Task<ImapStatusResponse> StartTlsAsync(
        ImapCommand<ImapStatusResponse> command,
        Func<ImapTransport, CancellationToken, Task<ImapTransport>> handshake,
        CancellationToken cancellationToken) =>
        SwapTransportAsync(
            command,
            async (transport, readPast, ct) =>
            {
                DiscardedBeforeTls = readPast.Length;
                var secured = await handshake(transport, ct).ConfigureAwait(false);
                _capabilities = ImapCapabilities.None;
                return secured;
            },
            cancellationToken);

    /// <summary>
    /// Sends COMPRESS DEFLATE (<paramref name="command"/>, made by the layer above) and, on OK, layers deflate under
    /// the pipes. What the reader had already read past the OK is compressed data, handed to the decompressor first.
    /// </summary>
    public Task<ImapStatusResponse> CompressAsync(ImapCommand<ImapStatusResponse> command, CancellationToken cancellationToken) =>
        SwapTransportAsync(command, static (transport, readPast, _) => transport.StartCompressionAsync(readPast), cancellationToken);

    /// <summary>
    /// Sends <paramref name="command"/> and, on OK, replaces the transport by what <paramref name="swap"/> makes of the
    /// old one and the bytes read past the OK. The writer stays locked from the command to the end of the swap, and
    /// the reader stops right after the OK, so no byte is read or written on the old transport after it.
    /// </summary>
    private async Task<ImapStatusResponse> SwapTransportAsync(
        ImapCommand<ImapStatusResponse> command,
        Func<ImapTransport, ReadOnlyMemory<byte>, CancellationToken, Task<ImapTransport>> swap,
        CancellationToken cancellationToken)
    {
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
                // The command is on the wire: an OK arriving later would stop the reader (STARTTLS) or switch the
                // server to deflate (COMPRESS) with nobody to change the transport.
                Fault(new ImapConnectionException($"{command.Name} was abandoned after it was sent: {ex.Message}", ex));
                throw;
            }

            await _readLoop.WaitAsync(Remaining(started), _time, CancellationToken.None).ConfigureAwait(false);
            ThrowIfFaulted();
            var readPast = _readPastSwap;
            _readPastSwap = default;
            try
            {
                _transport = await swap(_transport, readPast, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The server changed its side already; there is no going back.
                Fault(ex);
                throw;
            }

            _stopReadingForSwap = false;
            _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
            return ok;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
