using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Pipelining;

/// <summary>Many tasks sharing one connection to the real Dovecot.</summary>
public class ConcurrencyIntegrationTests : DovecotTests
{
    [Test]
    public async Task Eight_tasks_issue_commands_concurrently_on_one_connection_and_every_result_is_theirs()
    {
        const int Messages = 40;
        var mailbox = IntegrationConnections.SeedMailbox(Messages);
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        await imap.SelectAsync(mailbox);
        var uids = (await imap.FetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid)))
            .ToDictionary(m => m.SequenceNumber, m => m.Uid!.Value);
        Assert.That(uids, Has.Count.EqualTo(Messages));

        // Each task mixes sequence-number and UID commands, flag changes and NOOPs; every answer is checked against
        // what that task asked for, so a misrouted response fails the test.
        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var keyword = $"$Worker{worker}";
            for (var round = 0; round < 10; round++)
            {
                var seq = (uint)(1 + ((worker * 5) + round) % Messages);
                var bySeq = (await imap.FetchAsync(SequenceSet.Single(seq), new FetchRequest(FetchItems.Envelope | FetchItems.Uid))).Single();
                Assert.That(bySeq.SequenceNumber, Is.EqualTo(seq));
                Assert.That(bySeq.Envelope!.Subject, Is.EqualTo($"Message {seq}"));
                Assert.That(bySeq.Uid, Is.EqualTo(uids[seq]));

                var byUid = (await imap.UidFetchAsync(SequenceSet.Single(uids[seq]), new FetchRequest(FetchItems.Size))).Single();
                Assert.That(byUid.Uid, Is.EqualTo(uids[seq]));
                Assert.That(byUid.SequenceNumber, Is.EqualTo(seq));

                var stored = await imap.UidStoreAsync(SequenceSet.Single(uids[seq]), StoreAction.Add, new MessageFlags(SystemFlags.None, [keyword]));
                Assert.That(stored.Single().Flags!.Contains(keyword), Is.True);

                await imap.NoopAsync();
            }
        })).ToList();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(2));

        var all = await imap.FetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Flags));
        for (var worker = 0; worker < 8; worker++)
        {
            var expected = Enumerable.Range(0, 10).Select(round => (uint)(1 + ((worker * 5) + round) % Messages)).ToHashSet();
            var flagged = all.Where(m => m.Flags!.Contains($"$Worker{worker}")).Select(m => m.SequenceNumber).ToHashSet();
            Assert.That(flagged, Is.EquivalentTo(expected), $"worker {worker}'s keyword landed on exactly its messages");
        }
    }
}
