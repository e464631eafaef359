using System.Buffers;
using System.Text;
using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Search;

/// <summary>SEARCH, ESEARCH, SORT and THREAD responses, whole and split into one-byte segments.</summary>
[TestFixture(0)]
[TestFixture(1)]
public class SearchResponseParsingTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    private T Parse<T>(string response) where T : ImapResponse
    {
        var parsed = ResponseParser.Parse(Sequence(response), ImapLimits.Default);
        Assert.That(parsed.Kind, Is.EqualTo(ResponseKind.Untagged));
        Assert.That(parsed.Response, Is.TypeOf<T>());
        return (T)parsed.Response;
    }

    [Test]
    public void Search_with_MODSEQ_gives_the_numbers_and_the_mod_sequence()
    {
        var search = Parse<ImapSearchResponse>("* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n");
        Assert.That(search.Numbers, Is.EqualTo(new uint[] { 2, 5, 6, 7, 11, 12, 18, 19, 20, 23 }));
        Assert.That(search.HighestModSeq, Is.EqualTo(917162500UL));
        Assert.That(Parse<ImapSearchResponse>("* SEARCH 4\r\n").HighestModSeq, Is.Null);
    }

    [Test]
    public void Search_tolerates_a_trailing_space_and_doubled_spaces()
    {
        Assert.That(Parse<ImapSearchResponse>("* SEARCH \r\n").Numbers, Is.Empty);
        Assert.That(Parse<ImapSearchResponse>("* SEARCH 1  2 \r\n").Numbers, Is.EqualTo(new uint[] { 1, 2 }));
    }

    [Test]
    public void Search_rejects_what_is_not_a_number()
    {
        Assert.Throws<ImapProtocolException>(() => Parse<ImapSearchResponse>("* SEARCH 1 two 3\r\n"));
        Assert.Throws<ImapProtocolException>(() => Parse<ImapSearchResponse>("* SEARCH 4294967296\r\n"));
    }

    [Test]
    public void Esearch_gives_the_tag_the_uid_indicator_and_every_item()
    {
        var esearch = Parse<ImapESearchResponse>("* ESEARCH (TAG \"A0005\") UID MIN 4 MAX 3800 COUNT 5 ALL 4:5,200,3799:3800\r\n");
        Assert.That(esearch.Tag, Is.EqualTo("A0005"));
        var result = esearch.Result;
        Assert.That(result.IsUid, Is.True);
        Assert.That((result.Min, result.Max, result.Count), Is.EqualTo(((uint?)4, (uint?)3800, (uint?)5)));
        Assert.That(result.All!.ToString(), Is.EqualTo("4:5,200,3799:3800"));
        Assert.That(result.Numbers, Is.EqualTo(new uint[] { 4, 5, 200, 3799, 3800 }));
        Assert.That(result.HighestModSeq, Is.Null);
    }

    [Test]
    public void Esearch_by_sequence_number_has_no_uid_indicator_and_absent_items_are_null()
    {
        var result = Parse<ImapESearchResponse>("* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n").Result;
        Assert.That(result.IsUid, Is.False);
        Assert.That(result.Min, Is.EqualTo(2));
        Assert.That(result.Count, Is.EqualTo(3));
        Assert.That(result.Max, Is.Null);
        Assert.That(result.All, Is.Null);
        Assert.That(result.Numbers, Is.Empty);
    }

    [Test]
    public void Esearch_with_nothing_matched_and_with_no_tag()
    {
        var empty = Parse<ImapESearchResponse>("* ESEARCH (TAG \"A1\") UID\r\n");
        Assert.That(empty.Tag, Is.EqualTo("A1"));
        Assert.That(empty.Result.IsUid, Is.True);
        Assert.That(empty.Result.Count, Is.Null);
        var untagged = Parse<ImapESearchResponse>("* ESEARCH COUNT 0\r\n");
        Assert.That(untagged.Tag, Is.Null);
        Assert.That(untagged.Result.Count, Is.Zero);
    }

    [Test]
    public void Esearch_takes_MODSEQ_and_skips_return_data_and_correlators_it_does_not_know()
    {
        var esearch = Parse<ImapESearchResponse>(
            "* ESEARCH (TAG \"A7\" MAILBOX \"INBOX\" UIDVALIDITY 42) UID ALL 1:3 MODSEQ 12345 PARTIAL (1:10 1,2) RELEVANCY (4 5 6)\r\n");
        Assert.That(esearch.Tag, Is.EqualTo("A7"));
        Assert.That(esearch.Result.All!.ToString(), Is.EqualTo("1:3"));
        Assert.That(esearch.Result.HighestModSeq, Is.EqualTo(12345UL));
    }

    [Test]
    public void Esearch_rejects_an_ALL_that_is_not_a_sequence_set() =>
        Assert.Throws<ImapProtocolException>(() => Parse<ImapESearchResponse>("* ESEARCH (TAG \"A1\") ALL 1:x\r\n"));

    [Test]
    public void Sort_keeps_the_servers_order_and_the_mod_sequence()
    {
        var sort = Parse<ImapSortResponse>("* SORT 5 3 4 1 2 (MODSEQ 88)\r\n");
        Assert.That(sort.Numbers, Is.EqualTo(new uint[] { 5, 3, 4, 1, 2 }));
        Assert.That(sort.HighestModSeq, Is.EqualTo(88UL));
        Assert.That(Parse<ImapSortResponse>("* SORT\r\n").Numbers, Is.Empty);
    }

    [Test]
    public void Thread_builds_the_rfc_5256_example_tree()
    {
        var threads = Parse<ImapThreadResponse>("* THREAD (2)(3 6 (4 23)(44 7 96))\r\n").Threads;
        Assert.That(threads, Has.Count.EqualTo(2));
        Assert.That(threads[0].Number, Is.EqualTo(2));
        Assert.That(threads[0].Children, Is.Empty);

        // 3 -> 6 -> { 4 -> 23, 44 -> 7 -> 96 }
        var three = threads[1];
        Assert.That(three.Number, Is.EqualTo(3));
        var six = three.Children.Single();
        Assert.That(six.Number, Is.EqualTo(6));
        Assert.That(six.Children.Select(c => c.Number), Is.EqualTo(new uint?[] { 4, 44 }));
        Assert.That(six.Children[0].Children.Single().Number, Is.EqualTo(23));
        Assert.That(six.Children[0].Children.Single().Children, Is.Empty);
        var seven = six.Children[1].Children.Single();
        Assert.That(seven.Number, Is.EqualTo(7));
        Assert.That(seven.Children.Single().Number, Is.EqualTo(96));
        Assert.That(string.Concat(threads.Select(t => t.ToString())), Is.EqualTo("(2)(3 6 (4 23)(44 7 96))"));
    }

    [Test]
    public void Thread_with_a_missing_parent_has_a_root_without_a_number()
    {
        var threads = Parse<ImapThreadResponse>("* THREAD ((3)(5))(1 (2)(4 8))\r\n").Threads;
        Assert.That(threads[0].Number, Is.Null);
        Assert.That(threads[0].Children.Select(c => c.Number), Is.EqualTo(new uint?[] { 3, 5 }));
        Assert.That(threads[1].Children.Select(c => c.Number), Is.EqualTo(new uint?[] { 2, 4 }));
        Assert.That(threads[1].Children[1].Children.Single().Number, Is.EqualTo(8));
        Assert.That(string.Concat(threads.Select(t => t.ToString())), Is.EqualTo("((3)(5))(1 (2)(4 8))"));
    }

    [Test]
    public void Thread_with_no_matches_is_empty()
    {
        Assert.That(Parse<ImapThreadResponse>("* THREAD\r\n").Threads, Is.Empty);
        Assert.That(Parse<ImapThreadResponse>("* THREAD \r\n").Threads, Is.Empty);
    }

    [TestCase("* THREAD (1 (2)(3) 4)\r\n")]
    [TestCase("* THREAD ()\r\n")]
    [TestCase("* THREAD (1 2\r\n")]
    [TestCase("* THREAD (0)\r\n")]
    public void Thread_rejects_broken_lists(string response) =>
        Assert.Throws<ImapProtocolException>(() => Parse<ImapThreadResponse>(response));

    [Test]
    public void A_long_thread_chain_is_parsed_without_recursion_and_nesting_is_capped()
    {
        var chain = "* THREAD (" + string.Join(' ', Enumerable.Range(1, 20_000)) + ")\r\n";
        var node = Parse<ImapThreadResponse>(chain).Threads.Single();
        var depth = 1;
        while (node.Children.Count == 1)
        {
            node = node.Children[0];
            depth++;
        }

        Assert.That((depth, node.Number), Is.EqualTo((20_000, (uint?)20_000)));

        // Each branch level is a nested list: a server cannot make the parser recurse past the cap.
        var deep = "* THREAD " + string.Concat(Enumerable.Repeat("(1 (2)", 70)) + string.Concat(Enumerable.Repeat("(3))", 70)) + "\r\n";
        var ex = Assert.Throws<ImapProtocolException>(() => Parse<ImapThreadResponse>(deep));
        Assert.That(ex!.Message, Does.Contain("nesting"));
    }
}

/// <summary>A SEARCH of 100,000 UIDs, as the benchmark replays it.</summary>
public class LargeSearchResponseTests
{
    private static (byte[] Bytes, uint[] Expected) Response()
    {
        var random = new Random(7);
        var expected = new uint[100_000];
        var text = new StringBuilder("* SEARCH");
        uint uid = 1000;
        for (var i = 0; i < expected.Length; i++)
        {
            uid += random.Next(10) == 0 ? (uint)random.Next(2, 40) : 1;
            expected[i] = uid;
            text.Append(' ').Append(uid);
        }

        return (Encoding.ASCII.GetBytes(text.Append("\r\n").ToString()), expected);
    }

    [Test]
    public void Parsing_allocates_one_exactly_sized_list_and_nothing_per_number()
    {
        var (bytes, expected) = Response();
        var sequence = new ReadOnlySequence<byte>(bytes);
        ResponseParser.Parse(sequence, ImapLimits.Default); // warm up statics and the JIT

        var before = GC.GetAllocatedBytesForCurrentThread();
        var search = (ImapSearchResponse)ResponseParser.Parse(sequence, ImapLimits.Default).Response;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(search.Numbers, Is.EqualTo(expected));
        Assert.That(search.NumberList.Capacity, Is.EqualTo(expected.Length), "sized once, never grown");
        Assert.That(allocated, Is.LessThan((expected.Length * sizeof(uint)) + 1024), "the list's array and a few small objects");
    }

    [Test]
    public void Parsing_across_4_KB_segments_gives_the_same_numbers()
    {
        var (bytes, expected) = Response();
        var search = (ImapSearchResponse)ResponseParser.Parse(Segments.Split(bytes, 4096), ImapLimits.Default).Response;
        Assert.That(search.Numbers, Is.EqualTo(expected));
    }
}
