from enum import StrEnum


class CheckpointKind(StrEnum):
    COMMUNITY_GATE = "community_gate"
    HIGHWAY_EXIT = "highway_exit"
    MARKET = "market"
    RAIL_STATION_EXIT = "rail_station_exit"
    TRANSPORT_HUB = "transport_hub"

    def __str__(self) -> str:
        return str(self.value)
