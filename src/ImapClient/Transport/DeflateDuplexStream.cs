using System.IO.Compression;

namespace ImapClient.Transport;

/// <summary>
/// COMPRESS=DEFLATE (RFC 4978): raw deflate in both directions over the connection's stream. Every flush is a
/// deflate sync flush, so a command leaves as soon as it is written rather than when the compressor's window fills.
/// </summary>
internal sealed class DeflateDuplexStream : Stream
{
    private readonly Stream _inner;
    private readonly DeflateStream _inflater;
    private readonly DeflateStream _deflater;

    // Bytes that arrived before the switch are input the decompressor has not seen yet.
    private bool _inflaterMayHaveMore;

    /// <param name="inner">The connection (socket or TLS stream); owned: disposed with this stream.</param>
    /// <param name="alreadyRead">Compressed bytes that were read from <paramref name="inner"/> before the switch.</param>
    public DeflateDuplexStream(Stream inner, ReadOnlyMemory<byte> alreadyRead)
    {
        _inner = inner;
        _inflater = new DeflateStream(new PrefixedReadStream(alreadyRead, inner), CompressionMode.Decompress, leaveOpen: true);
        _deflater = new DeflateStream(inner, CompressionLevel.Fastest, leaveOpen: true);
        _inflaterMayHaveMore = !alreadyRead.IsEmpty;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = _inflater.Read(buffer, offset, count);
        _inflaterMayHaveMore = read == count;
        return read;
    }

    /// <remarks>
    /// A zero-byte read (the pipe's wait for data on an idle connection) waits on the connection itself when the
    /// decompressor has nothing left to give: DeflateStream would otherwise read into its own 8 KiB buffer, and the
    /// TLS stream under it would keep its buffer too. The decompressor has nothing left when its last read did not fill
    /// the caller's buffer: zlib stops only when its input or its output space runs out.
    /// </remarks>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty && !_inflaterMayHaveMore)
        {
            return await _inner.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }

        var read = await _inflater.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _inflaterMayHaveMore = read == buffer.Length;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => _deflater.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _deflater.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _deflater.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush()
    {
        _deflater.Flush();
        _inner.Flush();
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _deflater.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The connection first: disposing the compressor writes its final block, which on a peer that stopped
            // reading would block this thread; with the socket closed it fails at once instead. Nothing the
            // compressors still hold can be delivered anyway.
            _inner.Dispose();
            DisposeQuietly(_deflater);
            DisposeQuietly(_inflater);
        }

        base.Dispose(disposing);
    }

    private static void DisposeQuietly(Stream stream)
    {
        try
        {
            stream.Dispose();
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (InvalidOperationException)
        {
            // A write still in progress on another thread: it fails on its own with the closed connection.
        }
    }

    /// <summary>Reads <c>prefix</c> first, then the stream.</summary>
    private sealed class PrefixedReadStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (TakePrefix(buffer) is var n and > 0)
            {
                return n;
            }

            return inner.Read(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            TakePrefix(buffer.Span) is var n and > 0 ? new(n) : inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int TakePrefix(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
            return n;
        }
    }
}
