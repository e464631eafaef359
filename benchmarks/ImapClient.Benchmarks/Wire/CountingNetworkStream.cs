using System.Net.Sockets;

namespace ImapClient.Benchmarks.Wire;

/// <summary>A TCP stream that counts the bytes it receives: what actually crossed the wire, compressed or not.</summary>
internal sealed class CountingNetworkStream(Socket socket) : NetworkStream(socket, ownsSocket: true)
{
    private long _received;

    public long Received => Interlocked.Read(ref _received);

    public override int Read(Span<byte> buffer) => Count(base.Read(buffer));

    public override int Read(byte[] buffer, int offset, int count) => Count(base.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await base.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await base.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    private int Count(int n)
    {
        Interlocked.Add(ref _received, n);
        return n;
    }
}
