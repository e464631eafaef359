using System.IO.Pipelines;

namespace ImapClient.Transport;

/// <summary>
/// The caller's end of a streamed body. It reports when the caller is done with it (read to the end, or disposed),
/// so the reader loop starts the next body only then and memory stays bounded by one body's buffer.
/// </summary>
/// <remarks>
/// The session reuses one pipe for every body, so once finished this stream lets go of the pipe for good: a later
/// read returns 0 (or throws, once disposed) instead of reading the next body's bytes.
/// </remarks>
internal sealed class BodyReadStream(PipeReader reader) : Stream
{
    private const int Open = 0, Ended = 1, Disposed = 2;
    private readonly Stream inner = reader.AsStream(leaveOpen: true);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Exception? _interrupted;
    private int _state;

    /// <summary>Completes when the caller read to the end or disposed the stream; the pipe is free again by then.</summary>
    public Task Finished => _finished.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// The server went silent in the middle of this body: a read waiting for it, and every later read, throws
    /// <paramref name="cause"/> (a <see cref="TimeoutException"/>) instead of waiting on.
    /// </summary>
    public void Interrupt(Exception cause)
    {
        _interrupted = cause;
        if (Volatile.Read(ref _state) == Open)
        {
            reader.CancelPendingRead();
        }
    }

    /// <summary>Hands the pipe back (once): from here on the session may reset it for the next body.</summary>
    private void Finish(int state)
    {
        if (Interlocked.CompareExchange(ref _state, state, Open) == Open)
        {
            reader.Complete();
            _finished.TrySetResult();
        }
        else if (state == Disposed)
        {
            Volatile.Write(ref _state, Disposed);
        }
    }

    /// <summary>True when the stream no longer reads (0 bytes from here on); throws once disposed.</summary>
    private bool IsDone()
    {
        var state = Volatile.Read(ref _state);
        ObjectDisposedException.ThrowIf(state == Disposed, this);
        return state == Ended;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfInterrupted();
        if (IsDone())
        {
            return 0;
        }

        int n;
        try
        {
            n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_interrupted is not null && !cancellationToken.IsCancellationRequested)
        {
            throw Interrupted();
        }

        if (n == 0 && buffer.Length > 0)
        {
            Finish(Ended);
        }

        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfInterrupted();
        if (IsDone())
        {
            return 0;
        }

        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (OperationCanceledException) when (_interrupted is not null)
        {
            throw Interrupted();
        }

        if (n == 0 && buffer.Length > 0)
        {
            Finish(Ended);
        }

        return n;
    }

    private void ThrowIfInterrupted()
    {
        if (_interrupted is not null)
        {
            throw Interrupted();
        }
    }

    private TimeoutException Interrupted() => new(_interrupted!.Message, _interrupted);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Finish(Disposed);
        }

        base.Dispose(disposing);
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
