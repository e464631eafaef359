using System.Diagnostics.CodeAnalysis;
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
    [SuppressMessage("Reliability", "CA2213", Justification = "A view of the shared pipe (leaveOpen) with nothing to free; Dispose may run while a read on it is in flight, which ends through CancelPendingRead instead.")]
    private readonly Stream _inner = reader.AsStream(leaveOpen: true);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private volatile Exception? _interrupted;
    private volatile BodySpool? _rest;
    private bool _inRest;
    private int _state;
    private bool _reading;
    private bool _released;
    private ReadTaskCache _readTasks;

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
    /// The rest of this body was set aside in <paramref name="rest"/> (the reader loop had to go on): once the pipe's
    /// part is read, reads go on there. Set before the pipe's writer completes.
    /// </summary>
    public void ContinueIn(BodySpool rest) => _rest = rest;

    /// <summary>
    /// The server went silent in the middle of this body: a read waiting for it, and every later read, throws
    /// <paramref name="cause"/> (a <see cref="TimeoutException"/>) instead of waiting on.
    /// </summary>
    public void Interrupt(Exception cause)
    {
        lock (_gate)
        {
            _interrupted = cause;

            // Only while the pipe is still this body's: once handed back it may already carry the next one.
            if (!_released)
            {
                reader.CancelPendingRead();
            }
        }
    }

    /// <summary>Starts a read; false when the stream no longer reads (0 bytes from here on); throws once disposed.</summary>
    private bool BeginRead()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == Disposed, this);
            if (_state == Ended)
            {
                return false;
            }

            _reading = true;
            return true;
        }
    }

    /// <summary>
    /// Ends a read. The pipe is handed back only when no read is in flight: a read still waiting on it when the
    /// session resets it for the next body would get that body's bytes.
    /// </summary>
    private void EndRead(bool ended)
    {
        lock (_gate)
        {
            _reading = false;
            if (ended && _state == Open)
            {
                _state = Ended;
            }

            if (_state != Open)
            {
                Release();
            }
        }
    }

    /// <summary>Hands the pipe back (once, under the gate): from here on the session may reset it for the next body.</summary>
    private void Release()
    {
        if (!_released)
        {
            _released = true;
            reader.Complete();
            _finished.TrySetResult();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfInterrupted();
        if (_inRest)
        {
            return await _rest!.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        if (!BeginRead())
        {
            return 0;
        }

        var n = -1;
        try
        {
            n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_interrupted is not null && !cancellationToken.IsCancellationRequested)
        {
            throw Interrupted();
        }
        catch (OperationCanceledException) when (Volatile.Read(ref _state) == Disposed && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(GetType().FullName);
        }
        finally
        {
            EndRead(n == 0 && buffer.Length > 0);
        }

        if (n == 0 && buffer.Length > 0 && _rest is { } rest)
        {
            _inRest = true;
            return await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        return n;
    }

    /// <summary>
    /// MimeKit's parser reads through this overload: no new task per read that completes at once (<see cref="ReadTaskCache"/>).
    /// </summary>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return _readTasks.For(ReadAsync(buffer.AsMemory(offset, count), cancellationToken));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfInterrupted();
        if (_inRest)
        {
            return _rest!.Read(buffer);
        }

        if (!BeginRead())
        {
            return 0;
        }

        var n = -1;
        try
        {
            n = _inner.Read(buffer);
        }
        catch (OperationCanceledException) when (_interrupted is not null)
        {
            throw Interrupted();
        }
        catch (OperationCanceledException) when (Volatile.Read(ref _state) == Disposed)
        {
            throw new ObjectDisposedException(GetType().FullName);
        }
        finally
        {
            EndRead(n == 0 && buffer.Length > 0);
        }

        if (n == 0 && buffer.Length > 0 && _rest is { } rest)
        {
            _inRest = true;
            return rest.Read(buffer);
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
            _rest?.Dispose();
            lock (_gate)
            {
                _state = Disposed;
                if (_reading)
                {
                    // A read waits on the pipe (another thread): it wakes, and hands the pipe back as it ends.
                    reader.CancelPendingRead();
                }
                else
                {
                    Release();
                }
            }
        }

        base.Dispose(disposing);
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
