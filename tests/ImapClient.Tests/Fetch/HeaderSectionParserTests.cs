using System.Text;
using ImapClient.Protocol;

namespace ImapClient.Tests.Fetch;

/// <summary>The per-thread MimeKit parser must hand out independent header lists, whatever ran before on the thread.</summary>
public class HeaderSectionParserTests
{
    private static ReadOnlyMemory<byte> Section(int n) =>
        Encoding.ASCII.GetBytes($"Subject: number {n}\r\nFrom: a{n}@example.org\r\nX-Folded: one\r\n two {n}\r\n\r\n");

    [Test]
    public void Consecutive_sections_give_independent_lists()
    {
        var first = HeaderSectionParser.Parse(Section(1), ImapQuirks.All);
        var second = HeaderSectionParser.Parse(Section(2), ImapQuirks.All);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.Not.SameAs(second));
            Assert.That(first["Subject"], Is.EqualTo("number 1"));
            Assert.That(second["Subject"], Is.EqualTo("number 2"));
            Assert.That(first["X-Folded"], Is.EqualTo("one two 1"), "unfolded by MimeKit");
            Assert.That(first, Has.Count.EqualTo(3));
        }
    }

    [Test]
    public void A_section_without_the_blank_line_and_an_empty_one_parse()
    {
        var unterminated = HeaderSectionParser.Parse(Encoding.ASCII.GetBytes("Subject: cut\r\n"), ImapQuirks.All);
        var empty = HeaderSectionParser.Parse(ReadOnlyMemory<byte>.Empty, ImapQuirks.All);

        Assert.That(unterminated["Subject"], Is.EqualTo("cut"));
        Assert.That(empty, Is.Empty);
    }

    [Test]
    public async Task Threads_parsing_at_once_each_get_their_own_results()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            Enumerable.Range(0, 200).All(i => HeaderSectionParser.Parse(Section((t * 1000) + i), ImapQuirks.All)["Subject"] == $"number {(t * 1000) + i}"))));

        Assert.That(results, Is.All.True);
    }
}
