using ImapClient.Commands;

namespace ImapClient.Session;

/// <summary>COMPRESS=DEFLATE: like STARTTLS, the transport changes under the running session, once.</summary>
internal sealed partial class ImapSession
{
    private volatile bool _stopReadingForCompression;
    private ReadOnlyMemory<byte> _readPastCompression;

    /// <summary>Called on the reader loop by COMPRESS's tagged OK: the bytes after it are compressed.</summary>
    public void StopReadingForCompression() => _stopReadingForCompression = true;

    /// <summary>
    /// Sends COMPRESS DEFLATE and, on OK, layers deflate under the pipes. The writer stays locked from the command
    /// to the switch, and the reader stops right after the OK; what it had already read past the OK is compressed
    /// data, which is handed to the decompressor first (unlike STARTTLS, where such bytes are dropped).
    /// </summary>
    public async Task<ImapStatusResponse> CompressAsync(CancellationToken cancellationToken)
    {
        var command = new CompressCommand();
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
                // COMPRESS is on the wire: an OK arriving later would switch the server to deflate behind our back.
                Fault(new ImapConnectionException($"COMPRESS was abandoned after it was sent: {ex.Message}", ex));
                throw;
            }
            await _readLoop.WaitAsync(Remaining(started), _time, CancellationToken.None).ConfigureAwait(false);
            ThrowIfFaulted();
            try
            {
                _transport = await _transport.StartCompressionAsync(_readPastCompression).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Fault(ex);
                throw;
            }

            _readPastCompression = default;
            _stopReadingForCompression = false;
            _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
            return ok;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
