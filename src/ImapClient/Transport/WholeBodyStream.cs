using System.Buffers;

namespace ImapClient.Transport;

/// <summary>
/// A body taken whole into one pooled buffer on the reader loop (<see cref="Commands.StreamingFetchCommand.WholeBodyLimit"/>)
/// and handed over only once all of it is there: the caller reads memory, with no pipe, no wait and no task per read.
/// Disposing it gives the buffer back to the pool and its length back to the read-ahead budget, once.
/// </summary>
internal sealed class WholeBodyStream : Stream
{
    private readonly SpoolBudget _budget;
    private readonly int _length;
    private byte[]? _buffer;
    private int _written;
    private int _position;
    private ReadTaskCache _readTasks;

    /// <summary>A buffer for <paramref name="length"/> bytes, already taken from <paramref name="budget"/>.</summary>
    public WholeBodyStream(int length, SpoolBudget budget)
    {
        _budget = budget;
        _length = length;
        _buffer = ArrayPool<byte>.Shared.Rent(length);
    }

    /// <summary>Appends a piece of the literal (reader loop only, before the body is handed over).</summary>
    public void Append(ReadOnlySequence<byte> data)
    {
        data.CopyTo(_buffer.AsSpan(_written));
        _written += (int)data.Length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _written;

    public override long Position
    {
        get => _position;
        set => _position = (int)Math.Clamp(value, 0, _written);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var data = _buffer;
        ObjectDisposedException.ThrowIf(data is null, this);
        var n = Math.Min(buffer.Length, _written - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return _readTasks.For(ReadAsync(buffer.AsMemory(offset, count), cancellationToken));
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _written + offset,
        };
        return _position;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _budget.Give(_length);
        }

        base.Dispose(disposing);
    }

    public override void Flush() { }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
