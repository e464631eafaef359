using ImapClient.Transport;

namespace ImapClient.Tests.Security;

/// <summary>
/// The stream under an implicit-TLS connection keeps the first bytes for a failed handshake's diagnosis, and after
/// them stays out of the way: it sits under every read for the connection's life.
/// </summary>
public class FirstBytesStreamTests
{
    [Test]
    public async Task It_keeps_the_first_128_bytes_and_then_hands_reads_straight_to_the_socket_stream()
    {
        var socket = new PendingReads();
        await using var stream = new FirstBytesStream(socket);
        var buffer = new byte[4096];

        var first = stream.ReadAsync(buffer);
        socket.Complete(Enumerable.Repeat((byte)'*', 200).ToArray());
        Assert.That(await first, Is.EqualTo(200));
        Assert.That(stream.First.Length, Is.EqualTo(128));

        // No state machine of its own per read once the first bytes are kept: the socket stream's own operation.
        var next = stream.ReadAsync(buffer);
        Assert.That(next.AsTask(), Is.SameAs(socket.Pending));
        socket.Complete([1, 2, 3]);
        Assert.That(await next, Is.EqualTo(3));
        Assert.That(stream.First.Length, Is.EqualTo(128));
    }

    /// <summary>A socket stream whose reads complete when the test says so.</summary>
    private sealed class PendingReads : Stream
    {
        private TaskCompletionSource<int>? _read;
        private Memory<byte> _buffer;

        public Task<int> Pending => _read!.Task;

        public void Complete(byte[] data)
        {
            data.CopyTo(_buffer);
            _read!.SetResult(data.Length);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _buffer = buffer;
            _read = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            return new ValueTask<int>(_read.Task);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override bool CanRead => true;

        public override bool CanWrite => false;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
