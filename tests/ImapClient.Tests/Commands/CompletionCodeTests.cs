using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Commands;

/// <summary>
/// Response codes that describe the selected mailbox reach its state from a tagged completion as they do untagged
/// (RFC 7162's HIGHESTMODSEQ after EXPUNGE, UIDNEXT, READ-ONLY …), but not from a command about another mailbox.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class CompletionCodeTests(Delivery delivery)
{
    private static async Task<ImapConnection> ConnectQresyncSelectedAsync(ScriptedServer server)
    {
        var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE CONDSTORE QRESYNC] ready\r\n");
        var enable = imap.EnableAsync("QRESYNC");
        var tag = await server.ExpectCommandAsync("ENABLE QRESYNC");
        await server.SendAsync($"* ENABLED QRESYNC\r\n{tag} OK Enabled\r\n");
        await enable.WaitAsync(Patience);

        var select = imap.SelectAsync("INBOX");
        tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 20 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n* OK [HIGHESTMODSEQ 6] ok\r\n{tag} OK [READ-WRITE] done\r\n");
        var info = await select.WaitAsync(Patience);
        Assert.That(info.HighestModSeq, Is.EqualTo(6UL));
        return imap;
    }

    [Test]
    public async Task HIGHESTMODSEQ_in_the_tagged_OK_of_EXPUNGE_moves_the_mailboxs_HighestModSeq()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectQresyncSelectedAsync(server);

        var expunge = imap.ExpungeAsync();
        var tag = await server.ExpectCommandAsync("EXPUNGE");
        await server.SendAsync($"* VANISHED 1:14\r\n* 0 RECENT\r\n{tag} OK [HIGHESTMODSEQ 7] Expunge completed.\r\n");
        var result = await expunge.WaitAsync(Patience);

        Assert.That(result.VanishedUids?.ToString(), Is.EqualTo("1:14"));
        var mailbox = imap.SelectedMailbox!;
        Assert.That((mailbox.HighestModSeq, mailbox.Exists), Is.EqualTo(((ulong?)7, 6u)));
    }

    [Test]
    public async Task Codes_in_the_tagged_OK_of_a_command_on_the_selected_mailbox_apply_but_not_those_of_STATUS_on_another()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var status = imap.StatusAsync("Archive", StatusItems.Messages);
        var tag = await server.ExpectCommandAsync("STATUS Archive (MESSAGES)");
        await server.SendAsync($"* STATUS Archive (MESSAGES 3)\r\n{tag} OK [UIDNEXT 99] STATUS completed\r\n");
        await status.WaitAsync(Patience);
        Assert.That(imap.SelectedMailbox!.UidNext, Is.Null, "STATUS names another mailbox: its codes are not about INBOX");

        var noop = imap.NoopAsync();
        tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK [UIDNEXT 42] NOOP completed\r\n");
        await noop.WaitAsync(Patience);
        Assert.That(imap.SelectedMailbox!.UidNext, Is.EqualTo(42u));

        var store = imap.UidStoreAsync(SequenceSet.Single(5), StoreAction.Add, new MessageFlags(SystemFlags.Seen), silent: true);
        tag = await server.ExpectCommandAsync("UID STORE 5 +FLAGS.SILENT (\\Seen)");
        await server.SendAsync($"{tag} OK [READ-ONLY] STORE completed\r\n");
        await store.WaitAsync(Patience);
        Assert.That(imap.SelectedMailbox!.Access, Is.EqualTo(MailboxAccess.ReadOnly));
    }

    [Test]
    public async Task EXAMINE_takes_READ_ONLY_from_its_own_completion()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 UNSELECT] ready\r\n");

        var examine = imap.ExamineAsync("INBOX");
        var tag = await server.ExpectCommandAsync("EXAMINE INBOX");
        await server.SendAsync($"* 4 EXISTS\r\n* OK [UIDNEXT 5] ok\r\n{tag} OK [READ-ONLY] EXAMINE completed\r\n");
        var info = await examine.WaitAsync(Patience);
        Assert.That((info.Access, info.UidNext, info.Exists), Is.EqualTo((MailboxAccess.ReadOnly, (uint?)5, 4u)));
    }
}
