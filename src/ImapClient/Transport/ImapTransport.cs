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
    private volatile bool _pipesCompleted;

    public ImapTransport(Stream stream)
    {
        _stream = stream;
        // Big reads for big FETCHes (fewer receive calls). The reader loop always has a read pending, and a pending
        // read holds the buffer it reads into: with a zero-byte read first, it waits for data holding nothing and
        // rents the 64 KiB only once bytes are there; once they are consumed the segment goes back to the pool. So an
        // idle connection (IDLE, or between commands) holds no read buffer. Every stream below must pass a zero-byte
        // read through as "wait for data, consume nothing": sockets and SslStream do (SslStream also returns its own
        // buffer while it has nothing decrypted), and so do FirstBytesStream and DeflateDuplexStream.
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(
            bufferSize: 64 * 1024, minimumReadSize: 8 * 1024, leaveOpen: true, useZeroByteReads: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        Tls = stream as SslStream;
        if (Tls is { IsAuthenticated: true } tls)
        {
            (TlsProtocol, TlsCipherSuite) = (tls.SslProtocol, tls.NegotiatedCipherSuite);
        }
    }

    /// <summary>A transport over pipes; <paramref name="startTls"/> stands in for the TLS handshake in tests.</summary>
    public ImapTransport(IDuplexPipe pipe, Func<CancellationToken, Task<IDuplexPipe>>? startTls = null)
    {
        Input = pipe.Input;
        Output = pipe.Output;
        _pipe = pipe;
        _pipeStartTls = startTls;
    }

    private readonly IDuplexPipe? _pipe;

    private readonly Func<CancellationToken, Task<IDuplexPipe>>? _pipeStartTls;

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>The TLS stream when the connection is encrypted, for the negotiated protocol and cipher.</summary>
    public SslStream? Tls { get; private init; }

    /// <summary>The negotiated protocol, kept so that it stays readable once the stream is closed (SslStream then throws).</summary>
    public System.Security.Authentication.SslProtocols? TlsProtocol { get; private init; }

    /// <summary>The negotiated cipher suite, kept like <see cref="TlsProtocol"/>.</summary>
    public TlsCipherSuite? TlsCipherSuite { get; private init; }

    /// <summary>True once COMPRESS=DEFLATE is active.</summary>
    public bool IsCompressed { get; private init; }

    /// <summary>True when the bytes travel encrypted.</summary>
    public bool IsEncrypted => Tls is not null || IsSimulatedTls;

    private bool IsSimulatedTls { get; init; }

    /// <summary>
    /// Runs the TLS handshake over the same connection and returns the transport to use from now on. The plaintext
    /// pipes are completed without closing the socket; anything they had buffered is gone with them.
    /// </summary>
    public async Task<ImapTransport> StartTlsAsync(SslClientAuthenticationOptions options, CancellationToken cancellationToken)
    {
        _pipesCompleted = true;
        await Input.CompleteAsync().ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
        if (_pipeStartTls is not null)
        {
            return new ImapTransport(await _pipeStartTls(cancellationToken).ConfigureAwait(false)) { IsSimulatedTls = true };
        }

        if (_stream is null)
        {
            throw new NotSupportedException("STARTTLS needs a stream-based connection.");
        }

        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new ImapTransport(tls);
    }

    /// <summary>
    /// Switches both directions to raw deflate (COMPRESS=DEFLATE) over the same connection and returns the transport
    /// to use from now on. <paramref name="alreadyRead"/> is what the old pipe had read past the server's OK: it is
    /// already compressed, so it goes first into the decompressor.
    /// </summary>
    public async Task<ImapTransport> StartCompressionAsync(ReadOnlyMemory<byte> alreadyRead)
    {
        Stream inner;
        if (_stream is not null)
        {
            await Input.CompleteAsync().ConfigureAwait(false);
            await Output.CompleteAsync().ConfigureAwait(false);
            inner = _stream;
        }
        else
        {
            inner = new PipeDuplexStream(_pipe!);
        }

        return new ImapTransport(new DeflateDuplexStream(inner, alreadyRead))
        {
            Tls = Tls,
            TlsProtocol = TlsProtocol,
            TlsCipherSuite = TlsCipherSuite,
            IsSimulatedTls = IsSimulatedTls,
            IsCompressed = true,
        };
    }

    /// <summary>Stops both directions at once: a pending read returns and the socket closes. Safe to call twice.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        // After STARTTLS began the plaintext pipes are completed, and cancelling a completed pipe throws: a failed
        // handshake must still close the socket and report its own error, not that one.
        if (!_pipesCompleted)
        {
            try
            {
                Input.CancelPendingRead();
                Output.CancelPendingFlush();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
            {
                // Completed by a STARTTLS that began at this very moment.
            }
        }

        _stream?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await Input.CompleteAsync().ConfigureAwait(false);
        try
        {
            // Completing writes out what is still buffered (a command of a broken connection whose flush never
            // came): the socket is closed by now, and those bytes have nowhere to go.
            await Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException)
        {
        }
    }
}
