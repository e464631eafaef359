using System.Text;
using ImapClient.Sync;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Sync;

/// <summary>
/// The synchronizer against Dovecot: another connection adds, flags, moves and expunges; each method (QRESYNC,
/// CONDSTORE, full comparison) must report the same changes, and the state it returns must equal a fresh full read.
/// </summary>
public class SynchronizerIntegrationTests : DovecotTests
{
    [Test]
    public async Task Every_method_reports_the_same_changes_and_ends_with_the_servers_view()
    {
        var mailbox = IntegrationConnections.SeedMailbox(12);
        var initial = await SyncOnceAsync(mailbox, SyncMethod.Condstore, previous: null);
        Assert.That(initial.Added, Has.Count.EqualTo(12));
        Assert.That(initial.State.HighestModSeq, Is.Not.Null);

        // Another client changes the mailbox: flags on two messages, two new ones, one moved away, one expunged.
        await using (var other = await IntegrationConnections.LoginAsync("testuser"))
        {
            await other.SelectAsync(mailbox);
            await other.UidStoreAsync(SequenceSet.Parse("3,5"), StoreAction.Add, new MessageFlags(SystemFlags.Flagged | SystemFlags.Seen));
            await other.AppendAsync(mailbox, new MemoryStream(Encoding.ASCII.GetBytes("Subject: new one\r\n\r\nhi\r\n")));
            await other.AppendAsync(mailbox, new MemoryStream(Encoding.ASCII.GetBytes("Subject: new two\r\n\r\nhi\r\n")), new MessageFlags(SystemFlags.Draft));
            await other.CreateAsync(mailbox + "-archive");
            await other.UidMoveAsync(SequenceSet.Single(7), mailbox + "-archive");
            await other.UidStoreAsync(SequenceSet.Single(9), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), silent: true);
            await other.UidExpungeAsync(SequenceSet.Single(9));
        }

        var results = new Dictionary<SyncMethod, MailboxSyncResult>();
        foreach (var method in new[] { SyncMethod.Qresync, SyncMethod.Condstore, SyncMethod.Full })
        {
            results[method] = await SyncOnceAsync(mailbox, method, initial.State);
            Assert.That(results[method].Method, Is.EqualTo(method));
        }

        var truth = await FullReadAsync(mailbox);
        foreach (var (method, result) in results)
        {
            TestContext.Out.WriteLine($"{method}: added {string.Join(",", result.Added.Select(m => m.Uid))}, changed {string.Join(",", result.FlagChanges.Select(c => c.Uid))}, vanished {string.Join(",", result.Vanished)}");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(result.UidValidityChanged, Is.False, method.ToString());
                Assert.That(result.Vanished, Is.EqualTo(new uint[] { 7, 9 }), method.ToString());
                Assert.That(result.Added.Select(m => m.Envelope!.Subject), Is.EqualTo(new[] { "new one", "new two" }), method.ToString());
                Assert.That(result.FlagChanges.Select(c => (c.Uid, c.Flags.System)),
                    Is.EqualTo(new[] { (3u, SystemFlags.Flagged | SystemFlags.Seen), (5u, SystemFlags.Flagged | SystemFlags.Seen) }), method.ToString());
                Assert.That(result.State.Messages.OrderBy(m => m.Key).Select(m => (m.Key, m.Value.System)), Is.EqualTo(truth), method.ToString());
            }
        }

        // Nothing changed since: nothing is reported.
        var quiet = await SyncOnceAsync(mailbox, SyncMethod.Auto, results[SyncMethod.Qresync].State);
        Assert.That((quiet.Added.Count, quiet.FlagChanges.Count, quiet.Vanished.Count), Is.EqualTo((0, 0, 0)));
    }

    [Test]
    public async Task A_changed_UIDVALIDITY_says_start_over_and_returns_everything()
    {
        var mailbox = IntegrationConnections.SeedMailbox(3);
        var initial = await SyncOnceAsync(mailbox, SyncMethod.Auto, previous: null);
        var stale = new MailboxSyncState(initial.State.UidValidity + 1, initial.State.HighestModSeq, initial.State.Messages);

        var result = await SyncOnceAsync(mailbox, SyncMethod.Auto, stale);

        Assert.That(result.UidValidityChanged, Is.True);
        Assert.That(result.Added, Has.Count.EqualTo(3));
        Assert.That(result.State.UidValidity, Is.EqualTo(initial.State.UidValidity));
    }

    private static async Task<MailboxSyncResult> SyncOnceAsync(string mailbox, SyncMethod method, MailboxSyncState? previous)
    {
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        return await new MailboxSynchronizer(imap, method).SynchronizeAsync(mailbox, previous);
    }

    private static async Task<(uint, SystemFlags)[]> FullReadAsync(string mailbox)
    {
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        await imap.SelectAsync(mailbox);
        var all = await imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        return [.. all.Select(m => (m.Uid!.Value, m.Flags!.System & ~SystemFlags.Recent)).OrderBy(x => x.Item1)];
    }
}
