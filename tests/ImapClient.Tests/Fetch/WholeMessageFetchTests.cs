using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>GetMessageAsync and DownloadAsync: the command timeout applies, an empty body sent as a quoted string is a message.</summary>
[TestFixture]
public class WholeMessageFetchTests
{
    // The defect this guards: streaming commands never time out.
    [Test]
    public async Task GetMessageAsync_honours_CommandTimeout()
    {
        await using var server = new ScriptedServer();
        var clock = new TestClock();
        await using var imap = await ConnectSelectedAsync(server, options: clock.Options(TimeSpan.FromSeconds(1)));
        var get = imap.GetMessageAsync(5);
        await server.ExpectCommandAsync("UID FETCH 5 (UID BODY.PEEK[])");
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await AssertPendingAsync(get, "less than the CommandTimeout has passed");
        var ex = await clock.AdvanceUntilDoneAsync(get, TimeSpan.FromMilliseconds(100));
        Assert.That(ex, Is.TypeOf<TimeoutException>(), "GetMessageAsync times out like any command");
    }

    // The defect this guards: a body sent as a quoted string is dropped by the streaming API.
    [Test]
    public async Task DownloadAsync_of_an_empty_body_sent_as_a_quoted_string_succeeds()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var file = new MemoryStream();
        var download = imap.DownloadAsync(7, file);
        var tag = await server.ExpectCommandAsync("UID FETCH 7 (UID BODY.PEEK[])");
        await server.SendAsync($"* 2 FETCH (UID 7 BODY[] \"\")\r\n{tag} OK\r\n");
        var ex = await CatchAsync(download);
        Assert.That(ex, Is.Null, "the message exists and is empty");
    }
}
