using System.Buffers;
using ImapClient.Protocol;

namespace ImapClient.Tests.Protocol;

/// <summary>
/// A server defect's text is an error message: it is formatted only when the defect is not tolerated and the parser
/// throws, never for a quirk that is tolerated (which happens on every response of a server that has it).
/// </summary>
public sealed class ToleratedDefectTextTests
{
    [Test]
    public void A_tolerated_defect_formats_none_of_its_text()
    {
        var value = new FormatCounter();
        Tolerate(ImapQuirks.InvalidNumbers, value);
        Assert.That(value.Formatted, Is.Zero, "the interpolated value was formatted although the quirk is tolerated");
    }

    [Test]
    public void A_tolerated_defect_allocates_nothing()
    {
        // Once first, so that nothing the first call does (type loading, tiering) is counted.
        Tolerate(42L);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Tolerate(42L);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void A_defect_that_is_not_tolerated_throws_with_its_formatted_text()
    {
        var error = Assert.Throws<ImapProtocolException>(() => Tolerate(ImapQuirks.None, new FormatCounter()));
        Assert.That(error.Message, Does.Contain("UIDVALIDITY counted, outside 1 to 2^32-1, a server defect tolerated only with ImapQuirks.InvalidNumbers"));
    }

    private static void Tolerate(ImapQuirks tolerated, FormatCounter value)
    {
        var reader = new ImapReader(new ReadOnlySequence<byte>("* OK\r\n"u8.ToArray()), new ImapLimits { Quirks = tolerated });
        reader.Tolerate(ImapQuirks.InvalidNumbers, $"UIDVALIDITY {value}, outside 1 to 2^32-1");
    }

    private static readonly ImapLimits AllQuirks = new() { Quirks = ImapQuirks.All };

    private static void Tolerate(long number)
    {
        var reader = new ImapReader(ReadOnlySequence<byte>.Empty, AllQuirks);
        reader.Tolerate(ImapQuirks.InvalidNumbers, $"UIDVALIDITY {number}, outside 1 to 2^32-1");
    }

    private sealed class FormatCounter
    {
        public int Formatted { get; private set; }

        public override string ToString()
        {
            Formatted++;
            return "counted";
        }
    }
}
