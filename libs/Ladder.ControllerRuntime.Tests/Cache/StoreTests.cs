using Ladder.ControllerRuntime.Cache;

namespace Ladder.ControllerRuntime.Tests.Cache;

public sealed class StoreTests
{
    private static Store<Widget> NewStore()
    {
        var store = new Store<Widget>();
        store.AddIndexer("spec.profileRef", w => w.ProfileRef is null ? [] : [w.ProfileRef]);
        return store;
    }

    [Fact]
    public void Get_Should_ReturnObjectByNamespaceAndName_When_Upserted()
    {
        var store = NewStore();
        var w = Widget.Create("w1");
        Assert.Null(store.Upsert(w));

        Assert.Same(w, store.Get(new ObjectKey("demo", "w1")));
        Assert.Null(store.Get(new ObjectKey("other", "w1")));
        Assert.Equal([new ObjectKey("demo", "w1")], store.ListKeys());
    }

    [Fact]
    public void ByIndex_Should_FollowUpdatesAndDeletes_When_IndexValueChanges()
    {
        var store = NewStore();
        store.Upsert(Widget.Create("a", profile: "hd"));
        store.Upsert(Widget.Create("b", profile: "hd"));
        store.Upsert(Widget.Create("c", profile: "sd"));

        Assert.Equal(["a", "b"], store.ByIndex("spec.profileRef", "hd").Select(w => w.Metadata.Name).Order());
        store.Upsert(Widget.Create("b", profile: "sd", resourceVersion: "2"));
        Assert.Equal(["a"], store.ByIndex("spec.profileRef", "hd").Select(w => w.Metadata.Name));
        Assert.Equal(["b", "c"], store.ByIndex("spec.profileRef", "sd").Select(w => w.Metadata.Name).Order());
        store.Delete(new ObjectKey("demo", "a"));
        Assert.Empty(store.ByIndex("spec.profileRef", "hd"));
    }

    [Fact]
    public void AddIndexer_Should_IndexExistingObjects_When_AddedLate()
    {
        var store = new Store<Widget>();
        store.Upsert(Widget.Create("a", profile: "hd"));
        store.AddIndexer("p", w => [w.ProfileRef!]);

        Assert.Single(store.ByIndex("p", "hd"));
        Assert.Throws<ArgumentException>(() => store.AddIndexer("p", _ => []));
        Assert.Throws<ArgumentException>(() => store.ByIndex("missing", "x"));
    }

    [Fact]
    public void Replace_Should_ReturnDroppedObjects_When_Relisted()
    {
        var store = NewStore();
        store.Upsert(Widget.Create("a", profile: "hd"));
        store.Upsert(Widget.Create("b", profile: "hd"));

        var dropped = store.Replace([Widget.Create("b", profile: "sd"), Widget.Create("c")]);

        Assert.Equal(["a"], dropped.Select(w => w.Metadata.Name));
        Assert.Equal(2, store.Count);
        Assert.Empty(store.ByIndex("spec.profileRef", "hd"));
        Assert.Single(store.ByIndex("spec.profileRef", "sd"));
    }

    [Fact]
    public void List_Should_ReturnSnapshot_When_StoreChangesAfterwards()
    {
        var store = NewStore();
        store.Upsert(Widget.Create("a"));
        var snapshot = store.List();

        store.Upsert(Widget.Create("b"));

        Assert.Single(snapshot);
        Assert.Equal(2, store.List().Count);
    }

    [Fact]
    public void ObjectKey_Should_FormatAsNamespaceSlashName_When_Namespaced()
    {
        Assert.Equal("demo/w1", ObjectKey.From(Widget.Create("w1")).ToString());
        Assert.Equal("w1", ObjectKey.From(Widget.Create("w1", ns: null)).ToString());
        Assert.Throws<ArgumentException>(() => ObjectKey.From(new Widget()));
    }
}
