using System.Text.Json;

namespace DeepSeek.Observe.Core.Tests;

public class EntityIdTests
{
    public static TheoryData<EntityId, string> CanonicalForms => new()
    {
        { EntityId.Node("node-1"), "node/node-1" },
        { EntityId.Gpu("node-1", "3"), "gpu/node-1/3" },
        { EntityId.TrainJob("llama-7b"), "train_job/llama-7b" },
        { EntityId.Rank("llama-7b", "12"), "rank/llama-7b/12" },
        { EntityId.Pod("serving", "vllm-0"), "pod/serving/vllm-0" },
        { EntityId.Container("serving", "vllm-0", "server"), "container/serving/vllm-0/server" },
        { EntityId.Deployment("serving", "vllm"), "deployment/serving/vllm" },
        { EntityId.Storage("ckpt-s3"), "storage/ckpt-s3" },
        { EntityId.Namespace("inference"), "namespace/inference" },
        { EntityId.Cluster("east"), "cluster/east" },
    };

    [Theory]
    [MemberData(nameof(CanonicalForms))]
    public void Factory_BuildsCanonicalIdThatParsesBack(EntityId id, string expected)
    {
        Assert.Equal(expected, id.ToString());
        Assert.True(EntityId.TryParse(expected, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gpu/node-1")]
    [InlineData("gpu/node-1/0/extra")]
    [InlineData("job/x")]
    [InlineData("node/")]
    [InlineData("pod//x")]
    public void TryParse_Malformed_ReturnsFalse(string value)
    {
        Assert.False(EntityId.TryParse(value, out _));
    }

    [Fact]
    public void Parse_Malformed_ThrowsWithAcceptedForms()
    {
        var error = Assert.Throws<FormatException>(() => EntityId.Parse("job/x"));

        Assert.Contains("gpu/<Hostname>/<gpu>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SegmentWithSlash_Throws()
    {
        Assert.Throws<ArgumentException>(() => EntityId.Pod("a/b", "c"));
        Assert.Throws<ArgumentException>(() => EntityId.Node(string.Empty));
    }

    [Fact]
    public void Segments_ReturnsPartsAfterPrefix()
    {
        Assert.Equal(["node-1", "3"], EntityId.Gpu("node-1", "3").Segments);
    }

    [Fact]
    public void Json_WritesCanonicalString()
    {
        var json = JsonSerializer.Serialize(EntityId.Gpu("n", "1"));

        Assert.Equal("\"gpu/n/1\"", json);
        Assert.Equal(EntityId.Gpu("n", "1"), JsonSerializer.Deserialize<EntityId>(json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EntityId>("\"nope\""));
    }
}
