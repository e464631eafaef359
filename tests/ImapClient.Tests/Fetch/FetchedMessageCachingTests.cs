using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Fetch;

/// <summary>What FetchedMessage parses on first read (the whole message, the header) is parsed once and shared.</summary>
[TestFixture(0)]
[TestFixture(1)]
public class FetchedMessageCachingTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    private const string Rfc822 = "Subject: once\r\nFrom: a@example.org\r\n\r\nbody\r\n";

    [Test]
    public void Message_is_parsed_once_and_every_read_returns_the_same_instance()
    {
        var message = Fetch($"* 1 FETCH (UID 1 BODY[] {{{Rfc822.Length}}}\r\n{Rfc822})\r\n");
        var first = message.Message;
        Assert.That(first!.Subject, Is.EqualTo("once"));
        Assert.That(message.Message, Is.SameAs(first));
    }

    [Test]
    public async Task Concurrent_first_reads_of_Message_all_get_one_instance()
    {
        for (var round = 0; round < 20; round++)
        {
            var message = Fetch($"* 1 FETCH (UID 1 RFC822 {{{Rfc822.Length}}}\r\n{Rfc822})\r\n");
            using var start = new ManualResetEventSlim();
            var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                start.Wait();
                return message.Message;
            })).ToArray();
            start.Set();
            var read = await Task.WhenAll(readers);
            Assert.That(read.Distinct().Count(), Is.EqualTo(1));
            Assert.That(read[0]!.Subject, Is.EqualTo("once"));
        }
    }

    [Test]
    public void A_message_without_the_whole_body_has_none()
    {
        var message = Fetch("* 1 FETCH (UID 1 BODY[TEXT] {4}\r\nbody)\r\n");
        Assert.That(message.Message, Is.Null);
    }
}
