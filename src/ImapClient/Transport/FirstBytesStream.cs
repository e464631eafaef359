namespace ImapClient.Transport;

/// <summary>
/// Passes everything through to the socket's stream and keeps a copy of the first bytes read, so that a failed TLS
/// handshake can tell what the server sent instead (a plaintext IMAP greeting means the port is not implicit TLS).
/// </summary>
internal sealed class FirstBytesStream(Stream inner) : Stream
{
    private const int Capacity = 128;
    private readonly byte[] _first = new byte[Capacity];
    private int _count;

    /// <summary>The first bytes the server sent (at most 128).</summary>
    public ReadOnlySpan<byte> First => _first.AsSpan(0, _count);

    private int Record(ReadOnlySpan<byte> read)
    {
        if (_count < Capacity && read.Length > 0)
        {
            var take = Math.Min(read.Length, Capacity - _count);
            read[..take].CopyTo(_first.AsSpan(_count));
            _count += take;
        }

        return read.Length;
    }

    public override int Read(Span<byte> buffer) => Record(buffer[..inner.Read(buffer)]);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    // It stays under the TLS stream for the connection's life: once the first bytes are kept, a read is the socket
    // stream's own, with no state machine (an allocation per pending read) of this one's.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _count < Capacity ? ReadAndRecordAsync(buffer, cancellationToken) : inner.ReadAsync(buffer, cancellationToken);

    private async ValueTask<int> ReadAndRecordAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Record(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
