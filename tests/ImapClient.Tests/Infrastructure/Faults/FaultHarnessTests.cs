using System.Net.Sockets;
using System.Text;
using static ImapClient.Tests.Infrastructure.Faults.FaultTestKit;

namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>The harness itself: the proxy forwards exactly, its rules fire where they say, and the counter counts.</summary>
public class FaultHarnessTests : DovecotTests
{
    [Test]
    public async Task Tiny_pieces_and_an_injection_before_a_marker_split_across_pieces_land_exactly()
    {
        var direct = await ReadGreetingAsync(Server.Port);
        await using var proxy = StartProxy(c =>
        {
            c.ToClient.Pieces(1, 3);
            c.ToClient.InjectAt(FaultPoint.Before("IMAP4rev1"), "[injected]");
            c.ToClient.InjectAt(FaultPoint.After("OK", occurrence: 1, extraBytes: 1), "<+1>");
        });

        var proxied = await ReadGreetingAsync(proxy.Port);

        var expected = direct.Replace("OK [", "OK <+1>[", StringComparison.Ordinal).Replace("IMAP4rev1", "[injected]IMAP4rev1", StringComparison.Ordinal);
        Assert.That(proxied, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_stall_stops_the_stream_until_resumed_and_a_reset_reaches_the_client()
    {
        await using var proxy = StartProxy(c => c.ToClient.At(FaultPoint.AfterBytes(5), FaultKind.Stall));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(proxy.Host, proxy.Port);
        var connection = await proxy.NextConnectionAsync();
        var buffer = new byte[4096];
        var received = await ReceiveAsync(socket, buffer, 5);
        Assert.That(received, Is.EqualTo("* OK "));
        var more = socket.ReceiveAsync(buffer, SocketFlags.None);
        Assert.That(await Task.WhenAny(more, Task.Delay(300)), Is.Not.SameAs(more), "nothing passes a stall");

        connection.ToClient.Resume();
        Assert.That(await more.WaitAsync(Patience), Is.GreaterThan(0));

        connection.Reset();
        var error = Assert.CatchAsync<SocketException>(async () =>
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
            {
            }
        });
        Assert.That(error!.SocketErrorCode, Is.EqualTo(SocketError.ConnectionReset));
    }

    [Test]
    public async Task The_unobserved_exception_counter_sees_a_dropped_faulted_task()
    {
        using var unobserved = UnobservedExceptions.Start();
        DropFaultedTask();
        Assert.That(async () => await unobserved.AssertNoneAsync(), Throws.InstanceOf<AssertionException>());
    }

    private static void DropFaultedTask() => _ = Task.FromException(new InvalidOperationException("dropped"));

    private static async Task<string> ReadGreetingAsync(int port)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(Server.Host, port);
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Patience);
            Assert.That(n, Is.GreaterThan(0), "the greeting ended early");
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }

    private static async Task<string> ReceiveAsync(Socket socket, byte[] buffer, int count)
    {
        var text = new StringBuilder();
        while (text.Length < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(0, count - text.Length), SocketFlags.None).AsTask().WaitAsync(Patience);
            Assert.That(n, Is.GreaterThan(0));
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }
}
