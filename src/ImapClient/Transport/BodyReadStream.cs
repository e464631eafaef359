using System.IO.Pipelines;

namespace ImapClient.Transport;

/// <summary>
/// The caller's end of a streamed body. It reports when the caller is done with it (read to the end, or disposed),
/// so the reader loop starts the next body only then and memory stays bounded by one body's buffer.
/// </summary>
internal sealed class BodyReadStream(PipeReader reader) : Stream
{
    private readonly Stream inner = reader.AsStream();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Exception? _interrupted;

    /// <summary>Completes when the caller read to the end or disposed the stream.</summary>
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
        reader.CancelPendingRead();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfInterrupted();
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
            _finished.TrySetResult();
        }

        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfInterrupted();
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
            _finished.TrySetResult();
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
            inner.Dispose();
            _finished.TrySetResult();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        _finished.TrySetResult();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
