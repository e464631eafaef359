namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>
/// Passes everything through and counts the reads, to tell in how many pieces the client really read. With
/// <paramref name="maxRead"/>, each read returns at most a random 1 to that many bytes: pieces the proxy sends
/// separately may still arrive together, so this is what makes sure the client's parser sees every kind of split.
/// </summary>
internal sealed class ReadCountingStream(Stream inner, int? maxRead = null, int seed = 1) : Stream
{
    private readonly Random _random = new(seed);
    private long _reads;
    private long _bytes;

    public long Reads => Interlocked.Read(ref _reads);

    public long BytesRead => Interlocked.Read(ref _bytes);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (maxRead is { } max && buffer.Length > 1)
        {
            buffer = buffer[..Math.Min(buffer.Length, _random.Next(1, max + 1))];
        }

        var n = await inner.ReadAsync(buffer, cancellationToken);
        Interlocked.Increment(ref _reads);
        Interlocked.Add(ref _bytes, n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

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
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
