using System.Buffers;
using System.Text;
using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Protocol;

/// <summary>The scanner finds where a response ends, resumably, whatever the buffer and segment boundaries.</summary>
public class ResponseScannerTests
{
    private const string Body = "line one\r\n)\r\n{5}\r\nA0001 OK not the end\r\n* 2 FETCH (";

    private static readonly string Fetch =
        $"* 1 FETCH (UID 7 BODY[TEXT] {{{Encoding.UTF8.GetByteCount(Body)}}}\r\n{Body} FLAGS (\\Seen))\r\n";

    [Test]
    public void A_response_fed_in_growing_buffers_is_found_exactly_when_complete()
    {
        var bytes = Encoding.UTF8.GetBytes(Fetch + "A0001 OK done\r\n");
        var scanner = new ResponseScanner(ImapLimits.Default);
        var fetchLength = Encoding.UTF8.GetByteCount(Fetch);
        for (var available = 0; available < fetchLength; available++)
        {
            var found = scanner.TryFindResponse(new ReadOnlySequence<byte>(bytes, 0, available), out _);
            Assert.That(found, Is.False, $"with {available} of {fetchLength} bytes");
            Assert.That(scanner.Examined, Is.EqualTo(available), "everything handed over was examined once");
        }

        Assert.That(scanner.TryFindResponse(new ReadOnlySequence<byte>(bytes, 0, fetchLength), out var length), Is.True);
        Assert.That(length, Is.EqualTo(fetchLength));
    }

    [Test]
    public void The_scanner_resumes_where_it_stopped_instead_of_rescanning_from_the_start()
    {
        // The scanner has seen the literal's announcement; the bytes it already examined are then overwritten so
        // that, read afresh, they would be a complete one-line response. A resumable scanner does not look back.
        var head = "* 1 FETCH (BODY[] {5}\r\nab";
        var bytes = Encoding.ASCII.GetBytes(head + "cde)\r\n");
        var scanner = new ResponseScanner(ImapLimits.Default);
        Assert.That(scanner.TryFindResponse(new ReadOnlySequence<byte>(bytes, 0, head.Length), out _), Is.False);

        var tampered = (byte[])bytes.Clone();
        Encoding.ASCII.GetBytes("* OK x\r\n").CopyTo(tampered, 0);
        Assert.That(scanner.TryFindResponse(new ReadOnlySequence<byte>(tampered), out var length), Is.True);
        Assert.That(length, Is.EqualTo(bytes.Length), "the end is that of the literal's response, found without rescanning");
    }

    [Test]
    public void A_response_split_into_two_segments_at_every_offset_is_found_and_parsed_identically()
    {
        var bytes = Encoding.UTF8.GetBytes(Fetch);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var sequence = Segments.SplitAt(bytes, split);
            var scanner = new ResponseScanner(ImapLimits.Default);
            Assert.That(scanner.TryFindResponse(sequence, out var length), Is.True, $"split at {split}");
            Assert.That(length, Is.EqualTo(bytes.Length), $"split at {split}");

            var parsed = ResponseParser.Parse(sequence.Slice(0, length), ImapLimits.Default);
            var message = ((ImapFetchResponse)parsed.Response).Message;
            Assert.That(message.Uid, Is.EqualTo(7), $"split at {split}");
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen), $"split at {split}");
            Assert.That(Encoding.UTF8.GetString(message.GetSection("TEXT")!.Value.Span), Is.EqualTo(Body), $"split at {split}");
        }
    }

    [Test]
    public void A_response_fed_one_byte_segment_at_a_time_with_the_scanner_resumed_each_time_is_found_once()
    {
        var bytes = Encoding.UTF8.GetBytes(Fetch + "* 3 EXISTS\r\n");
        var scanner = new ResponseScanner(ImapLimits.Default);
        var found = new List<long>();
        long start = 0;
        for (var end = 1; end <= bytes.Length; end++)
        {
            var window = Segments.Split(bytes[(int)start..end], 1);
            while (scanner.TryFindResponse(window, out var length))
            {
                found.Add(length);
                start += length;
                window = window.Slice(length);
            }
        }

        Assert.That(found, Is.EqualTo(new long[] { Encoding.UTF8.GetByteCount(Fetch), "* 3 EXISTS\r\n".Length }));
    }

    [Test]
    public void A_literal_of_zero_bytes_is_found_and_parsed_as_empty()
    {
        var bytes = Encoding.ASCII.GetBytes("* 1 FETCH (BODY[TEXT] {0}\r\n)\r\n");
        var scanner = new ResponseScanner(ImapLimits.Default);
        Assert.That(scanner.TryFindResponse(new ReadOnlySequence<byte>(bytes), out var length), Is.True);
        Assert.That(length, Is.EqualTo(bytes.Length));
        var message = ((ImapFetchResponse)ResponseParser.Parse(new ReadOnlySequence<byte>(bytes), ImapLimits.Default).Response).Message;
        Assert.That(message.GetSection("TEXT"), Is.Not.Null);
        Assert.That(message.GetSection("TEXT")!.Value.Length, Is.Zero);
    }

    [Test]
    public void A_non_synchronizing_literal_announcement_is_skipped_like_a_literal()
    {
        var bytes = Encoding.ASCII.GetBytes("* 1 FETCH (BODY[TEXT] {4+}\r\na\r\nb)\r\n");
        var scanner = new ResponseScanner(ImapLimits.Default);
        Assert.That(scanner.TryFindResponse(new ReadOnlySequence<byte>(bytes), out var length), Is.True);
        Assert.That(length, Is.EqualTo(bytes.Length));
    }

    [Test]
    public void A_literal_larger_than_the_limit_is_a_protocol_error_before_its_bytes_arrive()
    {
        var scanner = new ResponseScanner(new ImapLimits { MaxLiteralSize = 100 });
        var bytes = Encoding.ASCII.GetBytes("* 1 FETCH (BODY[] {101}\r\n");
        Assert.That(() => scanner.TryFindResponse(new ReadOnlySequence<byte>(bytes), out _), Throws.TypeOf<ImapProtocolException>());
    }

    [Test]
    public void A_line_longer_than_the_limit_is_a_protocol_error_even_before_its_end_arrives()
    {
        var scanner = new ResponseScanner(new ImapLimits { MaxLineLength = 50 });
        var bytes = Encoding.ASCII.GetBytes("* OK " + new string('x', 60));
        Assert.That(() => scanner.TryFindResponse(new ReadOnlySequence<byte>(bytes), out _), Throws.TypeOf<ImapProtocolException>());
    }

    [TestCase("* SEARCH")]
    [TestCase("* search")]
    [TestCase("* SORT")]
    [TestCase("* THREAD")]
    [TestCase("* ESEARCH (TAG \"A1\") UID ALL")]
    public void Search_sort_and_thread_results_may_grow_past_the_line_limit_up_to_their_own(string head)
    {
        var limits = new ImapLimits { MaxLineLength = 50, MaxResultLineLength = 200 };
        var line = head + string.Concat(Enumerable.Range(1, 40).Select(n => $" {n}"));
        Assert.That(line.Length, Is.InRange(51, 198));
        var bytes = Encoding.ASCII.GetBytes(line + "\r\n");

        // Arriving in pieces: past the ordinary limit before the end is seen, still accepted.
        var scanner = new ResponseScanner(limits);
        Assert.That(scanner.TryFindResponse(new ReadOnlySequence<byte>(bytes, 0, 100), out _), Is.False);
        Assert.That(scanner.TryFindResponse(new ReadOnlySequence<byte>(bytes), out var length), Is.True);
        Assert.That(length, Is.EqualTo(bytes.Length));

        var tooLong = Encoding.ASCII.GetBytes(head + string.Concat(Enumerable.Range(1, 80).Select(n => $" {n}")));
        var ex = Assert.Throws<ImapProtocolException>(() => new ResponseScanner(limits).TryFindResponse(new ReadOnlySequence<byte>(tooLong), out _));
        Assert.That(ex!.Message, Does.Contain("200"));
    }

    [TestCase("* OK SEARCH ")]
    [TestCase("* 3 FETCH (SEARCH ")]
    [TestCase("* SEARCHX ")]
    [TestCase("A1 SEARCH ")]
    public void Other_lines_keep_the_ordinary_limit(string head)
    {
        var limits = new ImapLimits { MaxLineLength = 50, MaxResultLineLength = 200 };
        var bytes = Encoding.ASCII.GetBytes(head + new string('1', 60) + "\r\n");
        var ex = Assert.Throws<ImapProtocolException>(() => new ResponseScanner(limits).TryFindResponse(new ReadOnlySequence<byte>(bytes), out _));
        Assert.That(ex!.Message, Does.Contain("50"));
    }

    [Test]
    public void A_result_line_after_a_literal_is_not_a_result_line()
    {
        // Only a response's first line can be "* SEARCH …"; a later line of the same response keeps the ordinary limit.
        var limits = new ImapLimits { MaxLineLength = 50, MaxResultLineLength = 200 };
        var bytes = Encoding.ASCII.GetBytes("* SEARCH {3}\r\nabc " + new string('1', 60) + "\r\n");
        Assert.Throws<ImapProtocolException>(() => new ResponseScanner(limits).TryFindResponse(new ReadOnlySequence<byte>(bytes), out _));
    }

    [TestCase("* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"\r\n")]
    [TestCase("* 3 EXISTS\n")]
    [TestCase("\r\n")]
    [TestCase("\n")]
    [TestCase("}\r\n")]
    [TestCase("* OK [ALERT] Mailbox x{2}\r\n")]
    [TestCase("A1 NO [TRYCREATE] {3}\r\n")]
    public void One_line_responses_are_found_whole_at_every_split_and_after_each_other(string line)
    {
        // Three copies back to back: the first search of a segment finds a whole line; a line cut by a segment
        // boundary, or one ending in '}', is found by the general scan, with the same lengths.
        var bytes = Encoding.ASCII.GetBytes(line + line + line);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var buffer = Segments.SplitAt(bytes, split);
            var scanner = new ResponseScanner(ImapLimits.Default);
            for (var i = 0; i < 3; i++)
            {
                Assert.That(scanner.Scan(buffer, stopAtLiterals: true, out var length, out _), Is.EqualTo(ScanResult.Complete), $"split at {split}");
                Assert.That(length, Is.EqualTo(line.Length), $"split at {split}");
                buffer = buffer.Slice(length);
            }

            Assert.That(scanner.TryFindResponse(buffer, out _), Is.False);
        }
    }

    [TestCase("* 1 FETCH (BODY[] {3}\r\nabc)\r\n", 23)]
    [TestCase("* 1 FETCH (BODY[] {3+}\r\nabc)\r\n", 24)]
    [TestCase("* LIST () \"/\" {1}\r\nx\r\n", 19)]
    public void A_line_in_one_segment_that_announces_a_literal_still_stops_there(string response, int upToLiteral)
    {
        var bytes = Encoding.ASCII.GetBytes(response);
        var scanner = new ResponseScanner(ImapLimits.Default);
        Assert.That(scanner.Scan(new ReadOnlySequence<byte>(bytes), stopAtLiterals: true, out var length, out var literal), Is.EqualTo(ScanResult.LiteralAhead));
        Assert.That(length, Is.EqualTo(upToLiteral));
        Assert.That(literal, Is.GreaterThan(0));
        Assert.That(new ResponseScanner(ImapLimits.Default).TryFindResponse(new ReadOnlySequence<byte>(bytes), out length), Is.True);
        Assert.That(length, Is.EqualTo(bytes.Length));
    }

    [Test]
    public void A_whole_line_over_the_limit_in_one_segment_is_still_a_protocol_error()
    {
        var scanner = new ResponseScanner(new ImapLimits { MaxLineLength = 50 });
        var bytes = Encoding.ASCII.GetBytes("* OK " + new string('x', 60) + "\r\n");
        Assert.That(() => scanner.TryFindResponse(new ReadOnlySequence<byte>(bytes), out _), Throws.TypeOf<ImapProtocolException>());
        var atLimit = Encoding.ASCII.GetBytes("* OK " + new string('x', 45) + "\r\n");
        Assert.That(new ResponseScanner(new ImapLimits { MaxLineLength = 51 }).TryFindResponse(new ReadOnlySequence<byte>(atLimit), out var length), Is.True);
        Assert.That(length, Is.EqualTo(atLimit.Length));
    }
}
