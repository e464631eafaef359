using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Mailboxes;

/// <summary>A LIST response that does not parse fails the list instead of dropping the mailbox.</summary>
[NonParallelizable]
public class UnparsableListResponseTests
{
    [Test]
    public async Task An_unparsable_LIST_response_fails_the_list()
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var list = imap.ListAsync("", "*");
        var (tag, _) = SplitTag(await server.ReadLineAsync());
        await server.SendAsync($"* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasNoChildren \"/\" Archive\r\n{tag} OK done\r\n");
        var ex = await CatchAsync(list);
        Assert.That(ex, Is.InstanceOf<ImapProtocolException>(), $"result: {(ex is null ? string.Join(",", list.Result.Select(e => e.Name)) : ex.Message)}");
    }
}
