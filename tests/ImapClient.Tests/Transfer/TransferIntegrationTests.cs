using ImapClient.Tests.Infrastructure;
namespace ImapClient.Tests.Transfer;

/// <summary>
/// COPY, MOVE (native and the fallback) and EXPUNGE against the real Dovecot, each test on mailboxes of its own. What
/// COPYUID says is checked against what the destination holds: every copy carries its original's Message-Id.
/// </summary>
public class TransferIntegrationTests : DovecotTests
{
    private static readonly FetchRequest Ids = new FetchRequest(FetchItems.Uid | FetchItems.Flags).AddBodySection("HEADER.FIELDS (MESSAGE-ID)");

    private static async Task<ImapConnection> LoginAsync(params string[] ignoredCapabilities)
    {
        var server = DovecotFixture.Server;
        var options = IntegrationConnections.Options(server);
        options.AllowPlaintextAuthentication = true;
        options.IgnoredCapabilities = ignoredCapabilities;
        var imap = await ImapConnection.ConnectAsync(server.Host, server.Port, ImapSecurity.None, options);
        await imap.LoginAsync("testuser", server.Users["testuser"]);
        return imap;
    }

    /// <summary>A seeded source mailbox of <paramref name="count"/> messages, selected, and an empty destination.</summary>
    private static async Task<(string Source, string Destination, Dictionary<uint, string> MessageIds)> PrepareAsync(ImapConnection imap, int count)
    {
        var source = IntegrationConnections.SeedMailbox(count);
        var destination = source + " Ziel/Входящие & 台北";
        await imap.CreateAsync(destination);
        await imap.SelectAsync(source);
        return (source, destination, await MessageIdsAsync(imap));
    }

    /// <summary>UID to Message-Id of every message in the selected mailbox.</summary>
    private static async Task<Dictionary<uint, string>> MessageIdsAsync(ImapConnection imap, SequenceSet? uids = null) =>
        (await imap.UidFetchAsync(uids ?? SequenceSet.All, Ids)).ToDictionary(m => m.Uid!.Value, m => m.GetHeaders("HEADER.FIELDS (MESSAGE-ID)")!["Message-Id"]!);

    private static async Task AssertCopiesMatchAsync(ImapConnection imap, CopyResult result, string destination, Dictionary<uint, string> sourceIds)
    {
        var status = await imap.StatusAsync(destination, StatusItems.UidValidity | StatusItems.Messages);
        Assert.That(result.UidValidity, Is.EqualTo(status.UidValidity));
        await imap.ExamineAsync(destination);
        var copies = await MessageIdsAsync(imap);
        Assert.That(copies, Has.Count.EqualTo(result.UidMap.Count));
        foreach (var (sourceUid, destinationUid) in result.UidMap)
        {
            Assert.That(copies[destinationUid], Is.EqualTo(sourceIds[sourceUid]), $"source UID {sourceUid} became {destinationUid}");
        }
    }

    [Test]
    public async Task COPY_reports_COPYUID_that_matches_the_destination_and_leaves_the_source_as_it_was()
    {
        await using var imap = await LoginAsync();
        var (source, destination, ids) = await PrepareAsync(imap, 6);

        var result = await imap.CopyAsync(SequenceSet.Parse("2:3,5"), destination);
        Assert.That(result.SourceUids!.Count, Is.EqualTo(3));
        Assert.That(result.UidMap.Keys, Is.EqualTo(ids.Keys.Order().Where((_, i) => i is 1 or 2 or 4)));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(6u));

        var byUid = await imap.UidCopyAsync(SequenceSet.Single(ids.Keys.Max()), destination);
        Assert.That(byUid.UidMap.Single().Key, Is.EqualTo(ids.Keys.Max()));

        await AssertCopiesMatchAsync(imap, Combine(result, byUid), destination, ids);
        Assert.That((await imap.StatusAsync(source, StatusItems.Messages)).Messages, Is.EqualTo(6));
    }

    [Test]
    public async Task MOVE_by_number_reports_COPYUID_and_expunges_and_the_source_keeps_the_rest()
    {
        await using var imap = await LoginAsync();
        var (source, destination, ids) = await PrepareAsync(imap, 5);
        Assert.That(imap.Capabilities.Contains("MOVE"), Is.True);

        var result = await imap.MoveAsync(SequenceSet.Range(2, 3), destination);
        Assert.That(Expunge(ids.Keys.Order(), result.ExpungedSequenceNumbers), Is.EqualTo(ids.Keys.Order().Where((_, i) => i is 0 or 3 or 4)));
        Assert.That(result.OriginalsMarkedDeleted, Is.False);
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(3u));
        var remaining = await MessageIdsAsync(imap);
        Assert.That(remaining.Keys, Is.EqualTo(ids.Keys.Order().Where((_, i) => i is 0 or 3 or 4)));

        await AssertCopiesMatchAsync(imap, result, destination, ids);
        Assert.That((await imap.StatusAsync(source, StatusItems.Messages)).Messages, Is.EqualTo(3));
    }

    [Test]
    public async Task UID_MOVE_moves_exactly_the_named_UIDs()
    {
        await using var imap = await LoginAsync();
        var (_, destination, ids) = await PrepareAsync(imap, 5);
        var uids = ids.Keys.Order().ToArray();

        var result = await imap.UidMoveAsync(SequenceSet.Of([uids[0], uids[4], 999_999]), destination);
        Assert.That(result.UidMap.Keys, Is.EqualTo(new[] { uids[0], uids[4] }));
        Assert.That(Expunge(uids, result.ExpungedSequenceNumbers), Is.EqualTo(uids[1..4]));
        Assert.That((await MessageIdsAsync(imap)).Keys, Is.EqualTo(uids[1..4]));
        await AssertCopiesMatchAsync(imap, result, destination, ids);
    }

    [Test]
    public async Task Without_MOVE_the_fallback_expunges_only_the_moved_messages_through_UID_EXPUNGE()
    {
        await using var imap = await LoginAsync("MOVE");
        var (_, destination, ids) = await PrepareAsync(imap, 5);
        var uids = ids.Keys.Order().ToArray();
        await imap.UidStoreAsync(SequenceSet.Single(uids[0]), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), silent: true);

        var result = await imap.MoveAsync(SequenceSet.Range(3, 4), destination);
        Assert.That(result.UidMap.Keys, Is.EqualTo(uids[2..4]));
        Assert.That(Expunge(uids, result.ExpungedSequenceNumbers), Is.EqualTo(new[] { uids[0], uids[1], uids[4] }));
        Assert.That(result.OriginalsMarkedDeleted, Is.False);
        var remaining = await imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        Assert.That(remaining.Select(m => m.Uid!.Value), Is.EqualTo(new[] { uids[0], uids[1], uids[4] }));
        Assert.That(remaining[0].Flags!.Contains(SystemFlags.Deleted), Is.True, "a message marked \\Deleted before the move stays");
        await AssertCopiesMatchAsync(imap, result, destination, ids);
    }

    [Test]
    public async Task Without_MOVE_and_UIDPLUS_the_originals_stay_marked_deleted_unless_a_plain_EXPUNGE_is_allowed()
    {
        await using var imap = await LoginAsync("MOVE", "UIDPLUS");
        var (_, destination, ids) = await PrepareAsync(imap, 4);
        var uids = ids.Keys.Order().ToArray();

        var kept = await imap.UidMoveAsync(SequenceSet.Single(uids[1]), destination);
        Assert.That(kept.OriginalsMarkedDeleted, Is.True);
        Assert.That(kept.UidMap.Single().Key, Is.EqualTo(uids[1]), "Dovecot reports COPYUID whatever the client knows");
        var flags = await imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        Assert.That(flags.Where(m => m.Flags!.Contains(SystemFlags.Deleted)).Select(m => m.Uid!.Value), Is.EqualTo(new[] { uids[1] }));

        var expunged = await imap.UidMoveAsync(SequenceSet.Single(uids[3]), destination, allowPlainExpunge: true);
        Assert.That(expunged.OriginalsMarkedDeleted, Is.False);
        Assert.That(Expunge(uids, expunged.ExpungedSequenceNumbers), Is.EqualTo(new[] { uids[0], uids[2] }),
            "the plain EXPUNGE removed the message left marked by the first move too");
        Assert.That((await MessageIdsAsync(imap)).Keys, Is.EqualTo(new[] { uids[0], uids[2] }));
        await AssertCopiesMatchAsync(imap, Combine(kept, expunged), destination, ids);
    }

    [Test]
    public async Task With_QRESYNC_enabled_moves_and_expunges_report_the_vanished_UIDs()
    {
        await using var imap = await LoginAsync();
        Assert.That((await imap.EnableAsync("QRESYNC")).Contains("QRESYNC"), Is.True);
        var (_, destination, ids) = await PrepareAsync(imap, 5);
        var uids = ids.Keys.Order().ToArray();

        var moved = await imap.UidMoveAsync(SequenceSet.Of([uids[0], uids[1]]), destination);
        Assert.That((moved.VanishedUids!.ToString(), moved.ExpungedSequenceNumbers.Count), Is.EqualTo(($"{uids[0]}:{uids[1]}", 0)));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(3u));

        await imap.UidStoreAsync(SequenceSet.Of(uids[2..]), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), silent: true);
        var expunged = await imap.UidExpungeAsync(SequenceSet.Single(uids[3]));
        Assert.That(expunged.VanishedUids!.ToString(), Is.EqualTo(uids[3].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(2u));
        Assert.That((await MessageIdsAsync(imap)).Keys, Is.EqualTo(new[] { uids[2], uids[4] }));
        await AssertCopiesMatchAsync(imap, moved, destination, ids);
    }

    [Test]
    public async Task EXPUNGE_removes_the_messages_marked_deleted_and_UID_EXPUNGE_only_the_named_ones()
    {
        await using var imap = await LoginAsync();
        var source = IntegrationConnections.SeedMailbox(6);
        await imap.SelectAsync(source);
        var ids = await MessageIdsAsync(imap);
        var uids = ids.Keys.Order().ToArray();
        await imap.StoreAsync(SequenceSet.Parse("2,4"), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), silent: true);

        var expunged = await imap.ExpungeAsync();
        Assert.That(Expunge(uids, expunged.SequenceNumbers), Is.EqualTo(new[] { uids[0], uids[2], uids[4], uids[5] }));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(4u));
        Assert.That((await MessageIdsAsync(imap)).Keys, Is.EqualTo(new[] { uids[0], uids[2], uids[4], uids[5] }));

        await imap.UidStoreAsync(SequenceSet.Of([uids[0], uids[4], uids[5]]), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), silent: true);
        var byUid = await imap.UidExpungeAsync(SequenceSet.Of([uids[4], uids[1]]));
        Assert.That(byUid.SequenceNumbers, Is.EqualTo(new uint[] { 3 }));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(3u));
        var left = await imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        Assert.That(left.Select(m => (m.Uid!.Value, m.Flags!.Contains(SystemFlags.Deleted))),
            Is.EqualTo(new[] { (uids[0], true), (uids[2], false), (uids[5], true) }));
        Assert.That(Expunge([uids[0], uids[2], uids[5]], (await imap.ExpungeAsync()).SequenceNumbers), Is.EqualTo(new[] { uids[2] }));
    }

    /// <summary>
    /// What is left of <paramref name="uids"/> (the mailbox in order) after removing each reported sequence number in
    /// turn: the reports are right, whatever order the server chose (Dovecot goes from the highest down), exactly when
    /// this leaves the messages that remain.
    /// </summary>
    private static List<uint> Expunge(IEnumerable<uint> uids, IReadOnlyList<uint> sequenceNumbers)
    {
        var left = uids.ToList();
        foreach (var number in sequenceNumbers)
        {
            left.RemoveAt((int)number - 1);
        }

        return left;
    }

    private static CopyResult Combine(CopyResult a, CopyResult b) => new(
        a.UidValidity,
        SequenceSet.Parse($"{a.SourceUids},{b.SourceUids}"),
        SequenceSet.Parse($"{a.DestinationUids},{b.DestinationUids}"));
}
