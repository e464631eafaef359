using System.Net;
using System.Net.Sockets;
using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Append;

/// <summary>An APPEND to a peer that stops reading: the command times out and the connection disposes cleanly.</summary>
[TestFixture]
public class AppendStalledPeerTests
{
    // The defect these guard: a stalled peer: the write phase ignores CommandTimeout and cancellation; then DisposeAsync.
    [Test]
    public async Task An_APPEND_to_a_peer_that_stops_reading_times_out()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepting = listener.AcceptSocketAsync();
        var clock = new TestClock();
        var connecting = ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.None, clock.Options(TimeSpan.FromSeconds(2)));
        using var peer = await accepting;
        peer.Send(Encoding.ASCII.GetBytes("* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"));
        var imap = await connecting.WaitAsync(Patience);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2), clock);
        var append = imap.AppendAsync("INBOX", new MemoryStream(new byte[256 * 1024 * 1024]), cancellationToken: cts.Token);

        // The fake clock moves on while the client fills the socket; the timeout counts from the last write accepted.
        var appendOutcome = await clock.AdvanceUntilDoneAsync(append, TimeSpan.FromMilliseconds(250));
        var finished = append.IsCompleted;
        TestContext.Out.WriteLine($"append finished={finished} after {clock.Elapsed} on the fake clock: {appendOutcome?.GetType()}");

        Exception? disposeError = null;
        try
        {
            await imap.DisposeAsync().AsTask().WaitAsync(Patience);
        }
        catch (Exception ex)
        {
            disposeError = ex;
        }

        TestContext.Out.WriteLine($"dispose error: {disposeError}");
        var appendError = await CatchAsync(append);
        TestContext.Out.WriteLine($"append error: {appendError?.GetType()}: {appendError?.Message}");
        Assert.Multiple(() =>
        {
            Assert.That(finished, Is.True, "AppendAsync ignored CommandTimeout and its cancelled token for 6 s");
            Assert.That(disposeError, Is.Null, "DisposeAsync threw");
        });
    }

    [Test]
    public async Task DisposeAsync_after_a_cancelled_flush_does_not_throw()
    {
        for (var round = 0; round < 5; round++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var accepting = listener.AcceptSocketAsync();
            var connecting = ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.None);
            using var peer = await accepting;
            peer.Send(Encoding.ASCII.GetBytes("* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"));
            var imap = await connecting.WaitAsync(Patience);
            var append = imap.AppendAsync("INBOX", new MemoryStream(new byte[64 * 1024 * 1024]));
            await Task.Delay(500);
            Exception? disposeError = null;
            try
            {
                await imap.DisposeAsync().AsTask().WaitAsync(Patience);
            }
            catch (Exception ex)
            {
                disposeError = ex;
            }

            var appendError = await CatchAsync(append);
            TestContext.Out.WriteLine($"round {round}: dispose: {disposeError?.GetType()}: {disposeError?.Message} | append: {appendError?.GetType()}: {appendError?.Message}");
            Assert.That(disposeError, Is.Null);
        }
    }
}
