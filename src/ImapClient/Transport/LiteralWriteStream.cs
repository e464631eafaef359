using System.Buffers;
using System.IO.Pipelines;

namespace ImapClient.Transport;

/// <summary>
/// A write-only stream into the connection for one literal: counts what passes and refuses more than was announced.
/// Each write is flushed, so a slow socket slows the source down instead of filling memory.
/// </summary>
internal sealed class LiteralWriteStream(PipeWriter output, long announced, TimeSpan stallTimeout, TimeProvider time) : Stream
{
    // Made with the clock so that CancelAfter runs on it too.
    private readonly CancellationTokenSource _stall = new(Timeout.InfiniteTimeSpan, time);

    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Written;
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Written + buffer.Length > announced)
        {
            throw new InvalidOperationException($"The message source gave more than the {announced} bytes announced.");
        }

        Written += buffer.Length;

        // An inactivity limit, restarted on every write: a large upload may take long, a peer that stops reading may not.
        if (stallTimeout != Timeout.InfiniteTimeSpan)
        {
            _stall.CancelAfter(stallTimeout);
        }

        FlushResult result;
        try
        {
            result = await output.WriteAsync(buffer, _stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (_stall.IsCancellationRequested)
        {
            throw new TimeoutException($"The server accepted no data for {stallTimeout} while a message was being sent.", ex);
        }

        if (result.IsCanceled || result.IsCompleted)
        {
            throw new IOException("The connection closed while a message was being sent.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stall.Dispose();
        }

        base.Dispose(disposing);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous writes cannot wait for the socket without blocking a thread, so they only buffer; the library's
    // own sources always write asynchronously, and a caller's synchronous source pays with memory, not a deadlock.
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Written + buffer.Length > announced)
        {
            throw new InvalidOperationException($"The message source gave more than the {announced} bytes announced.");
        }

        Written += buffer.Length;
        output.Write(buffer);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken).AsTask();

    public override void Flush()
    {
        // Synchronous flushes are left to the next asynchronous write or the end of the command.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
