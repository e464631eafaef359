using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>Which message and which command each FETCH response belongs to, when an EXPUNGE comes between or the body comes before the UID.</summary>
[TestFixture]
public class FetchResponseMatchingTests
{
    [Test]
    public async Task A_UID_FETCH_with_an_EXPUNGE_in_between_keeps_every_message_that_remains_apart()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var fetch = imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        var (tag, _) = SplitTag(await server.ReadLineAsync());
        await server.SendAsync("* 1 FETCH (UID 10 FLAGS ())\r\n* 2 FETCH (UID 20 FLAGS ())\r\n* 1 EXPUNGE\r\n* 2 FETCH (UID 30 FLAGS (\\Seen))\r\n"
            + $"{tag} OK done\r\n");
        var messages = await fetch.WaitAsync(Patience);
        // UID 30 came as 2 after the expunge: not merged into UID 20. UID 10 was expunged and is not returned.
        Assert.That(messages.Select(m => (m.Uid, m.SequenceNumber)), Is.EquivalentTo(new (uint?, uint)[] { (20, 1), (30, 2) }));
    }

    // two UID streaming fetches of different UIDs, and a server that puts the body before the UID: the second
    // is held back until the first completes, so a body can only belong to the one command in flight.
    [Test]
    public async Task A_body_before_its_UID_goes_to_the_command_that_asked_for_it()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var a = imap.GetMessageAsync(100);
        var tagA = await server.ExpectCommandAsync("UID FETCH 100 (UID BODY.PEEK[])");
        var b = imap.GetMessageAsync(200);
        var next = await AssertClientSilentAsync(server, "the second streaming fetch waits for the first");
        const string MsgA = "Subject: I am 100\r\n\r\na\r\n";
        const string MsgB = "Subject: I am 200\r\n\r\nb\r\n";
        await server.SendAsync($"* 3 FETCH (BODY[] {{{MsgA.Length}}}\r\n{MsgA} UID 100)\r\n{tagA} OK\r\n");
        Assert.That((await a.WaitAsync(Patience)).Subject, Is.EqualTo("I am 100"));

        var (tagB, commandB) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(commandB, Is.EqualTo("UID FETCH 200 (UID BODY.PEEK[])"));
        await server.SendAsync($"* 7 FETCH (BODY[] {{{MsgB.Length}}}\r\n{MsgB} UID 200)\r\n{tagB} OK\r\n");
        Assert.That((await b.WaitAsync(Patience)).Subject, Is.EqualTo("I am 200"));
    }
}
