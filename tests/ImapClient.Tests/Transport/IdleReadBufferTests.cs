using System.IO.Compression;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using ImapClient.Transport;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Transport;

/// <summary>
/// While nothing arrives, the read the connection keeps pending on the socket is a zero-byte read: it waits for data
/// holding no buffer, and the 64 KiB read buffer is rented only once bytes are there. Checked beneath every stream layer
/// the connection puts over the socket: none, TLS (and the first-bytes recorder under it), and COMPRESS=DEFLATE.
/// </summary>
public class IdleReadBufferTests
{
    [Test]
    public async Task Over_a_plain_socket_the_pending_read_of_an_idle_connection_is_zero_bytes()
    {
        await using var peer = await LoopbackPeer.StartAsync();
        var recorder = new ReadRecordingStream(peer.ClientStream);
        var serving = peer.ServeAsync(peer.ServerStream, "* PREAUTH ready\r\n");

        await using var imap = await ImapConnection.ConnectAsync(recorder, new ImapConnectionOptions()).WaitAsync(Patience);

        await AssertIdleReadIsZeroBytesAsync(recorder, imap);
        await peer.StopAsync(serving);
    }

    [Test]
    public async Task Over_TLS_the_pending_read_above_and_beneath_the_TLS_stream_is_zero_bytes()
    {
        using var certificate = TestCertificates.SelfSigned();
        await using var peer = await LoopbackPeer.StartAsync();
        var recorder = new ReadRecordingStream(peer.ClientStream);
        var serverTls = new SslStream(peer.ServerStream);
        var serving = Task.Run(async () =>
        {
            await serverTls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate });
            await peer.ServeAsync(serverTls, "* PREAUTH ready\r\n");
        });

        // The stack ConnectAsync(host, port, ImplicitTls) builds: TLS over the first-bytes recorder over the socket.
        var clientTls = new SslStream(new FirstBytesStream(recorder));
        await clientTls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        }).WaitAsync(Patience);
        // Recorded twice: what the connection asks of the TLS stream, and what the TLS stream asks of the socket.
        var aboveTls = new ReadRecordingStream(clientTls);
        await using var imap = await ImapConnection.ConnectAsync(aboveTls, new ImapConnectionOptions()).WaitAsync(Patience);

        await AssertIdleReadIsZeroBytesAsync(aboveTls, imap);
        await recorder.WaitForPendingReadAsync();
        Assert.That(recorder.PendingReadLength, Is.Zero, "beneath TLS, the pending read asks for no bytes");
        await peer.StopAsync(serving);
    }

    [Test]
    public async Task Over_COMPRESS_DEFLATE_the_pending_read_beneath_the_decompressor_is_zero_bytes()
    {
        await using var peer = await LoopbackPeer.StartAsync();
        var recorder = new ReadRecordingStream(peer.ClientStream);
        var serving = peer.ServeAsync(peer.ServerStream, "* PREAUTH [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] ready\r\n", compressAfter: "COMPRESS");

        await using var imap = await ImapConnection.ConnectAsync(recorder, new ImapConnectionOptions()).WaitAsync(Patience);
        await imap.CompressAsync().WaitAsync(Patience);

        Assert.That(imap.IsCompressed, Is.True);
        await AssertIdleReadIsZeroBytesAsync(recorder, imap);
        await peer.StopAsync(serving);
    }

    /// <summary>
    /// Idle: the read pending beneath is zero bytes. Then a command and its reply still flow (the zero-byte read woke
    /// and a real read took the bytes), and once idle again the pending read is zero bytes again.
    /// </summary>
    private static async Task AssertIdleReadIsZeroBytesAsync(ReadRecordingStream recorder, ImapConnection imap)
    {
        await recorder.WaitForPendingReadAsync();
        Assert.That(recorder.PendingReadLength, Is.Zero, "the idle connection's pending read asks for no bytes");

        var reply = await imap.NoopAsync().WaitAsync(Patience);
        Assert.That(reply.Text, Is.EqualTo("NOOP done"));
        Assert.That(recorder.LargestRead, Is.GreaterThan(0), "the reply was read with a buffer");

        await recorder.WaitForPendingReadAsync();
        Assert.That(recorder.PendingReadLength, Is.Zero, "after the reply, the pending read asks for no bytes again");
    }

    /// <summary>Both ends of a loopback TCP connection, and a server that answers every command with OK.</summary>
    private sealed class LoopbackPeer : IAsyncDisposable
    {
        private LoopbackPeer(NetworkStream client, NetworkStream server) => (ClientStream, ServerStream) = (client, server);

        public NetworkStream ClientStream { get; }

        public NetworkStream ServerStream { get; }

        public static async Task<LoopbackPeer> StartAsync()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
            var accepting = listener.AcceptSocketAsync();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port).WaitAsync(Patience);
            var server = await accepting.WaitAsync(Patience);
            return new LoopbackPeer(new NetworkStream(client, ownsSocket: true), new NetworkStream(server, ownsSocket: true));
        }

        /// <summary>
        /// Greets, then answers each command line with "tag OK name done" until the client closes; after the command
        /// named <paramref name="compressAfter"/> both directions switch to raw deflate (RFC 4978).
        /// </summary>
        public async Task ServeAsync(Stream stream, string greeting, string? compressAfter = null)
        {
            var (input, output) = (stream, stream);
            await output.WriteAsync(Encoding.ASCII.GetBytes(greeting));
            while (await ReadLineAsync(input) is { } line)
            {
                var parts = line.Split(' ');
                await output.WriteAsync(Encoding.ASCII.GetBytes($"{parts[0]} OK {parts[1]} done\r\n"));
                await output.FlushAsync();
                if (parts[1] == compressAfter)
                {
                    input = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true);
                    output = new DeflateStream(stream, CompressionLevel.Fastest, leaveOpen: true);
                }
            }
        }

        public async Task StopAsync(Task serving)
        {
            ClientStream.Socket.Shutdown(SocketShutdown.Both);
            try
            {
                await serving.WaitAsync(Patience);
            }
            catch (IOException)
            {
                // The client went away mid-read; that is how a test ends.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await ClientStream.DisposeAsync();
            await ServerStream.DisposeAsync();
        }

        private static async Task<string?> ReadLineAsync(Stream stream)
        {
            var line = new StringBuilder();
            var one = new byte[1];
            while (await stream.ReadAsync(one) == 1)
            {
                if (one[0] == '\n')
                {
                    return line.ToString().TrimEnd('\r');
                }

                line.Append((char)one[0]);
            }

            return null;
        }
    }

    /// <summary>Passes everything through and records the size of each read: the one pending now, and the largest.</summary>
    private sealed class ReadRecordingStream(Stream inner) : Stream
    {
        private int _pending = -1;
        private int _largest;

        /// <summary>The buffer length of the read waiting for data now; -1 when none is.</summary>
        public int PendingReadLength => Volatile.Read(ref _pending);

        public int LargestRead => Volatile.Read(ref _largest);

        /// <summary>Waits (without a time margin: until it happens, or the test's patience runs out) for a read to be pending.</summary>
        public async Task WaitForPendingReadAsync()
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (PendingReadLength < 0)
            {
                if (waited.Elapsed > Patience)
                {
                    Assert.Fail("No read became pending.");
                }

                await Task.Delay(5);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Volatile.Write(ref _pending, buffer.Length);
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            finally
            {
                Volatile.Write(ref _pending, -1);
                if (buffer.Length > _largest)
                {
                    Volatile.Write(ref _largest, buffer.Length);
                }
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

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
    }
}
