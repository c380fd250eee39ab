from enum import StrEnum


class DeploymentDutiesItem(StrEnum):
    DISINFECTION = "disinfection"
    DOOR_TO_DOOR_SCREENING = "door_to_door_screening"
    DUTY_REGISTRATION = "duty_registration"
    RAIL_STATION_EXIT = "rail_station_exit"
    SUPPLY_DELIVERY = "supply_delivery"
    TEMPERATURE_CHECK = "temperature_check"
    TRANSPORT_HUB = "transport_hub"

    def __str__(self) -> str:
        return str(self.value)
