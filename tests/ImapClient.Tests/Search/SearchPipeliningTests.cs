using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Search;

/// <summary>
/// Searches in flight together: each result reaches its own command. Results that name no command (<c>* SEARCH</c>,
/// <c>* SORT</c>, <c>* THREAD</c>) never have two claimants in flight; <c>* ESEARCH</c> names its tag, so those pipeline.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class SearchPipeliningTests(Delivery delivery)
{
    [Test]
    public async Task Two_extended_searches_are_on_the_wire_together_and_answered_out_of_order_each_gets_its_own()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, SearchTests.Extensions);
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var seen = Task.Run(() => imap.UidSearchAsync(SearchQuery.Seen, SearchReturnOptions.Count));
        var flagged = Task.Run(() => imap.UidSearchAsync(SearchQuery.Flagged, SearchReturnOptions.Count));
        var lines = new[] { SplitTag(await server.ReadLineAsync()), SplitTag(await server.ReadLineAsync()) };
        var seenTag = lines.Single(l => l.Command == "UID SEARCH RETURN (COUNT) SEEN").Tag;
        var flaggedTag = lines.Single(l => l.Command == "UID SEARCH RETURN (COUNT) FLAGGED").Tag;

        // The later command first, and a stray ESEARCH for a tag not in flight, which neither may take.
        await server.SendAsync(
            $"* ESEARCH (TAG \"{flaggedTag}\") UID COUNT 2\r\n* ESEARCH (TAG \"X999\") UID COUNT 99\r\n" +
            $"* ESEARCH (TAG \"{seenTag}\") UID COUNT 7\r\n{flaggedTag} OK done\r\n{seenTag} OK done\r\n");

        Assert.That((await seen.WaitAsync(Patience)).Count, Is.EqualTo(7));
        Assert.That((await flagged.WaitAsync(Patience)).Count, Is.EqualTo(2));
        var stray = (ImapESearchResponse)(await untagged.NextAsync()).Response;
        Assert.That(stray.Tag, Is.EqualTo("X999"));
    }

    [Test]
    public async Task A_second_plain_search_is_held_back_until_the_first_completes()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var first = imap.UidSearchAsync(SearchQuery.Seen);
        var second = imap.UidSearchAsync(SearchQuery.Flagged);
        var firstTag = await server.ExpectCommandAsync("UID SEARCH SEEN");

        // Both results would arrive as "* SEARCH …", which says nothing of the command it answers.
        var next = await AssertClientSilentAsync(server, "a second SEARCH could not tell its * SEARCH from the first one's");
        await server.SendAsync($"* SEARCH 1 2 3\r\n{firstTag} OK done\r\n");
        Assert.That(await first.WaitAsync(Patience), Is.EqualTo(new uint[] { 1, 2, 3 }));

        var (secondTag, command) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("UID SEARCH FLAGGED"));
        await server.SendAsync($"* SEARCH 9\r\n{secondTag} OK done\r\n");
        Assert.That(await second.WaitAsync(Patience), Is.EqualTo(new uint[] { 9 }));
    }

    [Test]
    public async Task A_second_plain_sort_and_a_second_plain_thread_are_held_back_too()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, SearchTests.Extensions);

        var sort1 = imap.UidSortAsync(SearchQuery.All, [new(SortField.Date)]);
        var sort2 = imap.UidSortAsync(SearchQuery.All, [new(SortField.Size)]);
        var sort1Tag = await server.ExpectCommandAsync("UID SORT (DATE) US-ASCII ALL");
        var next = await AssertClientSilentAsync(server, "two SORTs in flight could not tell their * SORT apart");
        await server.SendAsync($"* SORT 2 1\r\n{sort1Tag} OK done\r\n");
        var (sort2Tag, sortCommand) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(sortCommand, Is.EqualTo("UID SORT (SIZE) US-ASCII ALL"));
        await server.SendAsync($"* SORT 1 2\r\n{sort2Tag} OK done\r\n");
        Assert.That(await sort1.WaitAsync(Patience), Is.EqualTo(new uint[] { 2, 1 }));
        Assert.That(await sort2.WaitAsync(Patience), Is.EqualTo(new uint[] { 1, 2 }));

        var thread1 = imap.UidThreadAsync(SearchQuery.All, ThreadAlgorithm.References);
        var thread2 = imap.UidThreadAsync(SearchQuery.Seen, ThreadAlgorithm.References);
        var thread1Tag = await server.ExpectCommandAsync("UID THREAD REFERENCES US-ASCII ALL");
        next = await AssertClientSilentAsync(server, "two THREADs in flight could not tell their * THREAD apart");
        await server.SendAsync($"* THREAD (1 2)\r\n{thread1Tag} OK done\r\n");
        var (thread2Tag, threadCommand) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(threadCommand, Is.EqualTo("UID THREAD REFERENCES US-ASCII SEEN"));
        await server.SendAsync($"* THREAD (2)\r\n{thread2Tag} OK done\r\n");
        Assert.That((await thread1.WaitAsync(Patience)).Single().ToString(), Is.EqualTo("(1 2)"));
        Assert.That((await thread2.WaitAsync(Patience)).Single().ToString(), Is.EqualTo("(2)"));
    }

    [Test]
    public async Task A_uid_search_a_uid_sort_a_uid_thread_and_an_extended_search_run_side_by_side()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, SearchTests.Extensions);

        var search = imap.UidSearchAsync(SearchQuery.Unseen);
        var sort = imap.UidSortAsync(SearchQuery.Unseen, [new(SortField.Arrival)]);
        var thread = imap.UidThreadAsync(SearchQuery.Unseen, ThreadAlgorithm.OrderedSubject);
        var extended = imap.UidSearchAsync(SearchQuery.Unseen, SearchReturnOptions.Max);
        var searchTag = await server.ExpectCommandAsync("UID SEARCH UNSEEN");
        var sortTag = await server.ExpectCommandAsync("UID SORT (ARRIVAL) US-ASCII UNSEEN");
        var threadTag = await server.ExpectCommandAsync("UID THREAD ORDEREDSUBJECT US-ASCII UNSEEN");
        var extendedTag = await server.ExpectCommandAsync("UID SEARCH RETURN (MAX) UNSEEN");

        await server.SendAsync(
            $"* THREAD (8 (9))\r\n* ESEARCH (TAG \"{extendedTag}\") UID MAX 9\r\n* SORT 9 8\r\n* SEARCH 8 9\r\n" +
            $"{extendedTag} OK done\r\n{threadTag} OK done\r\n{sortTag} OK done\r\n{searchTag} OK done\r\n");

        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 8, 9 }));
        Assert.That(await sort.WaitAsync(Patience), Is.EqualTo(new uint[] { 9, 8 }));
        Assert.That((await thread.WaitAsync(Patience)).Single().ToString(), Is.EqualTo("(8 9)"));
        Assert.That((await extended.WaitAsync(Patience)).Max, Is.EqualTo(9));
    }

    [Test]
    public async Task A_search_by_sequence_number_waits_for_a_NOOP_that_may_expunge()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var noop = imap.NoopAsync();
        var search = imap.SearchAsync(SearchQuery.Seen);
        var noopTag = await server.ExpectCommandAsync("NOOP");
        var next = await AssertClientSilentAsync(server, "an EXPUNGE during the NOOP would renumber the SEARCH result");
        await server.SendAsync($"* 3 EXPUNGE\r\n{noopTag} OK done\r\n");
        await noop.WaitAsync(Patience);

        var (tag, command) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("SEARCH SEEN"));
        await server.SendAsync($"* SEARCH 3\r\n{tag} OK done\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 3 }));
    }

    [Test]
    public async Task A_uid_search_and_a_NOOP_are_pipelined_together()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var search = imap.UidSearchAsync(SearchQuery.Seen);
        var noop = imap.NoopAsync();
        var searchTag = await server.ExpectCommandAsync("UID SEARCH SEEN");
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK done\r\n* SEARCH 44\r\n{searchTag} OK done\r\n");
        await noop.WaitAsync(Patience);
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 44 }));
    }

    [Test]
    public async Task A_uid_search_whose_query_names_sequence_numbers_waits_for_a_command_that_may_expunge()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var fetch = imap.UidFetchAsync(SequenceSet.Single(100), new FetchRequest(FetchItems.Flags));
        var search = imap.UidSearchAsync(SearchQuery.Messages(SequenceSet.Range(1, 5)));
        var fetchTag = await server.ExpectCommandAsync("UID FETCH 100 FLAGS");
        var next = await AssertClientSilentAsync(server, "messages 1:5 would mean others after an EXPUNGE");
        await server.SendAsync($"{fetchTag} OK done\r\n");
        await fetch.WaitAsync(Patience);

        var (tag, command) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("UID SEARCH 1:5"));
        await server.SendAsync($"* SEARCH 100\r\n{tag} OK done\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 100 }));
    }

    [Test]
    public async Task A_FETCH_by_sequence_number_and_a_SEARCH_by_sequence_number_pipeline_since_neither_may_expunge()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var fetch = imap.FetchAsync(SequenceSet.Single(2), new FetchRequest(FetchItems.Flags));
        var search = imap.SearchAsync(SearchQuery.Seen);
        var fetchTag = await server.ExpectCommandAsync("FETCH 2 FLAGS");
        var searchTag = await server.ExpectCommandAsync("SEARCH SEEN");
        await server.SendAsync($"* SEARCH 2\r\n* 2 FETCH (FLAGS (\\Seen))\r\n{searchTag} OK done\r\n{fetchTag} OK done\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 2 }));
        Assert.That((await fetch.WaitAsync(Patience)).Single().Flags!.System, Is.EqualTo(SystemFlags.Seen));
    }
}
