using System.Net.Sockets;

namespace ImapClient.Benchmarks.Idle;

/// <summary>
/// A connected socket's stream that notes when its first bytes arrive after the clock has started: the moment the
/// client could have known of the new message. Both libraries get the same wrapper, so "told after arrival" measures
/// the client alone, whatever Dovecot's poll phase did to the arrival itself.
/// </summary>
/// <remarks>
/// A zero-byte read (ours waits for data with one) passes straight through; it carries no bytes. A read that
/// completes at once costs nothing extra; one that waits (MailKit's pending read while it idles) holds one async box.
/// </remarks>
internal sealed class ArrivalStream(NetworkStream inner, Action<int> arrived) : Stream
{
    public static async Task<ArrivalStream> ConnectAsync(string host, int port, Action<int> arrived)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new ArrivalStream(new NetworkStream(socket, ownsSocket: true), arrived);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = inner.ReadAsync(buffer, cancellationToken);
        if (buffer.IsEmpty)
        {
            return read;
        }

        if (read.IsCompletedSuccessfully)
        {
            arrived(read.Result);
            return read;
        }

        return Noted(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        if (count > 0)
        {
            arrived(n);
        }

        return n;
    }

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

    private async ValueTask<int> Noted(ValueTask<int> read)
    {
        var n = await read;
        arrived(n);
        return n;
    }
}
