using System.IO.Pipelines;
using System.Net.Security;

namespace ImapClient.Transport;

/// <summary>
/// The byte pipes the session reads and writes, over a socket stream (optionally TLS) or any duplex pipe. Knows
/// nothing about IMAP.
/// </summary>
internal sealed class ImapTransport : IAsyncDisposable
{
    private readonly Stream? _stream;
    private int _closed;

    public ImapTransport(Stream stream)
    {
        _stream = stream;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        Tls = stream as SslStream;
    }

    public ImapTransport(IDuplexPipe pipe)
    {
        Input = pipe.Input;
        Output = pipe.Output;
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>The TLS stream when the connection is encrypted, for the negotiated protocol and cipher.</summary>
    public SslStream? Tls { get; }

    /// <summary>Stops both directions at once: a pending read returns and the socket closes. Safe to call twice.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        Input.CancelPendingRead();
        Output.CancelPendingFlush();
        _stream?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await Input.CompleteAsync().ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
    }
}
